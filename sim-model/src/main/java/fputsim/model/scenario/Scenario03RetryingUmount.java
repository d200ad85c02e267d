package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

import java.util.List;

/**
 * 03r io-uring-kill-umount-retrying: scenario 03's fio, driven like kernel-validation's native
 * helper (kernel-validation/src/main/c/fputsim-reaper.c) rather than like a shell: kill, wait,
 * an optional harness delay, then umount2() in the same process (no fork+exec), retried after a
 * short sleep while it returns EBUSY, up to {@link #MAX_ATTEMPTS} attempts (5 s / 200 us). The
 * timed mode measures the busy window on it (wait returned to the last EBUSY).
 *
 * <p>Timed-only: it is not in {@link Scenarios}' curriculum (an untimed exploration of an
 * unbounded retry loop only measures the bound), and scenario 03 is unchanged. Untimed, the sleeps
 * are plain steps, so every timed run of it still replays through the untimed explorer.
 * Models: the helper's loop. Leaves out: the mount before the iteration (set-up), the helper's
 * clock_gettime calls (they are the timed mode's harness gap).
 * Checked by: TimedDriverTest (replay through the untimed explorer).
 */
public final class Scenario03RetryingUmount extends Scenario {
    /** The helper's --bound-us (5 s) over its --retry-us (200 us). */
    public static final int MAX_ATTEMPTS = 25_000;

    @Override
    public String number() {
        return "03r";
    }

    @Override
    public String name() {
        return "io-uring-kill-umount-retrying";
    }

    @Override
    public String story() {
        return "kill -9 fio (io_uring); wait; [delay]; umount2 retried every 200 us while EBUSY (the real harness)";
    }

    /** Its fio jobs are built by buildFio: fio's loop applies. */
    @Override
    public boolean runsFioLoop() {
        return true;
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct fio = Scenario03IoUringKillUmount.buildFio(k, w, c, mnt);
        w.shell(List.of(w.kill(fio), w.waitFor(fio), (sh, cx) -> new HarnessDelay(k), (sh, cx) -> new UmountRetry(k, mnt)));
    }

    /** The helper's time between waitpid() returning and the first umount2(): one step, no effect. */
    public static final class HarnessDelay extends Frame {
        private final Kernel k;

        HarnessDelay(Kernel k) {
            this.k = k;
        }

        @Override
        public String function() {
            return "harness_delay";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            k.emit(new Event.Step("harness: delay before umount2"));
            return true;
        }
    }

    /** umount2(mnt, 0) in the helper, retried after a sleep while it returns EBUSY. */
    public static final class UmountRetry extends Frame {
        /** The helper's loop (fputsim-reaper.c), at its program counters (their places in the enum). */
        public enum Step implements NumberedLabel {
            /** umount2(mnt, 0); after the first attempt, the nanosleep(--retry-us) before it. */
            UMOUNT2,
            /** The result: EBUSY and attempts left go round again, anything else ends the loop. */
            CHECK_RESULT;

            private static final Step[] ALL = values();
        }

        private final Kernel k;
        private final VfsMount m;
        private int attempts;

        UmountRetry(Kernel k, VfsMount m) {
            this.k = k;
            this.m = m;
        }

        @Override
        public String function() {
            return "umount_retry";
        }

        /** umount2 calls made so far; at {@link Step#UMOUNT2} with attempts above 0 the next step follows a sleep. */
        public int attempts() {
            return attempts;
        }

        @Override
        public Step label() {
            return labelAt(Step.ALL, pc);
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (label() == Step.UMOUNT2) {
                if (attempts > 0) {
                    k.emit(new Event.Step("harness: nanosleep, retry umount2"));
                }
                attempts++;
                current.call(k.namespace.new Umount(m, 0));
                go(Step.CHECK_RESULT);
                return false;
            }
            List<Integer> r = k.umountResults();
            if (r.get(r.size() - 1) == -Errno.EBUSY && attempts < MAX_ATTEMPTS) {
                go(Step.UMOUNT2);
                return false;
            }
            return true;
        }
    }
}
