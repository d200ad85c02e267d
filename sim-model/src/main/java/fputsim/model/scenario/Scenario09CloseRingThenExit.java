package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 09 close-ring-then-exit: a program submits reads, closes the data fd, closes the ring with the
 * reads still in flight (io_uring_queue_exit → close(ring_fd)) and returns from main; no kill
 * (docs/kernel-notes.md §17, C4: kernel-validation/experiments/close-ring.c). The ring's release
 * queues io_ring_exit_work, which hands the requests' completions to the fallback kworker; their
 * file puts come through delayed_fput, possibly after the shell's wait returned: busy Sometimes
 * (measured D1 19/20 DEFER_TASKRUN, D2 17/20 plain ring).
 * Run: {@code ./fputsim check --scenario 09}.
 */
public final class Scenario09CloseRingThenExit extends Scenario {
    @Override
    public String number() {
        return "09";
    }

    @Override
    public String name() {
        return "close-ring-then-exit";
    }

    @Override
    public String story() {
        return "submit reads; close(data fd); close(ring fd) with reads in flight; exit; wait; umount -> EBUSY while kworkers hold the files";
    }

    @Override
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults().withSize(1, 1);
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct g = w.process(100, "close-ring");
        Main main = new Main(k, g);
        TaskStruct t = w.thread(g, 100, main);
        main.data = w.open(g, "foo#0", mnt, null);
        Scenario03IoUringKillUmount.buildRing(k, w, c.withEngine("io_uring"), g, t, main.data, 0, 101, c.iodepth());
        main.ring = k.rings.get(0);
        w.shell(List.of(w.waitFor(g), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
    }

    /** main(): close(data fd), close(ring fd), return (exit_group → do_exit). */
    private static final class Main extends Frame {
        private final Kernel k;
        private final SignalStruct g;
        File data;
        IoRingCtx ring;

        Main(Kernel k, SignalStruct g) {
            this.k = k;
            this.g = g;
        }

        @Override
        public String function() {
            return "main";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc++) {
                case 0 -> Scenario08CleanExit.close(k, g, t, data, cx);
                case 1 -> Scenario08CleanExit.close(k, g, t, ring.ringFile(), cx);
                default -> {
                    t.call(k.exit.new DoExit());
                    return true;
                }
            }
            return false;
        }
    }
}
