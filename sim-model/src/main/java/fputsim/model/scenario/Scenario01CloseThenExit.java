package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 01 close-then-exit: a plain process (no io_uring) opens two files on the mount, closes one
 * (close(2) releases synchronously since 6.6: fput_close_sync) and exits with the other open;
 * exit_files queues ____fput as task_work and exit_task_work runs it before exit_notify. The
 * shell waits and unmounts: every reference is gone before wait() returns, so umount is never
 * busy. Run: {@code ./fputsim check --scenario 01}.
 */
public final class Scenario01CloseThenExit extends Scenario {
    @Override
    public String number() {
        return "01";
    }

    @Override
    public String name() {
        return "close-then-exit";
    }

    @Override
    public String story() {
        return "a process closes one file, exits with another open; wait; umount is never busy";
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct cat = w.process(100, "cat");
        File a = w.open(cat, "a.txt", mnt, null);
        w.open(cat, "b.txt", mnt, null);
        w.thread(cat, 100, new CloseThenExit(k, cat, a));
        w.shell(List.of(w.waitFor(cat), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
    }

    /** The program: close(fd of a.txt), then exit(0). */
    private static final class CloseThenExit extends Frame {
        private final Kernel k;
        private final SignalStruct g;
        private final File a;

        CloseThenExit(Kernel k, SignalStruct g, File a) {
            this.k = k;
            this.g = g;
            this.a = a;
        }

        @Override
        public String function() {
            return "main";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                fputsim.model.fs.FilesStruct files = g.files();
                files.file_close_fd(a);
                k.fileTable.__fput_sync(t, a, "fd 3 of cat-100", cx); // fput_close_sync
                return false;
            }
            t.call(k.exit.new DoExit());
            return true;
        }
    }
}
