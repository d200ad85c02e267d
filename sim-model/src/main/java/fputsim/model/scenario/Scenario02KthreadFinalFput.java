package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.sched.WorkStruct;

import java.util.List;

/**
 * 02 kthread-final-fput: a process hands a reference to a file on the mount to kernel work (as
 * an async request does) and exits; the work drops that reference later from a kworker. A final
 * fput from a kthread cannot use task_work: it goes to delayed_fput_list and delayed_fput runs a
 * jiffy later on another kworker. Nothing orders that with the parent's wait(), so an umount
 * right after wait() can be busy: the delayed_fput window, with no io_uring at all.
 * Run: {@code ./fputsim check --scenario 02}.
 */
public final class Scenario02KthreadFinalFput extends Scenario {
    @Override
    public String number() {
        return "02";
    }

    @Override
    public String name() {
        return "kthread-final-fput";
    }

    @Override
    public String story() {
        return "the last reference is dropped by a kworker: delayed_fput can run after wait(); umount may be busy";
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct app = w.process(100, "app");
        File f = w.open(app, "data", mnt, null);
        k.fileTable.fget(f, "async work", World.SETUP);
        WorkStruct work = new WorkStruct(k.tracker, "async_put_work", "events", "async_put_work", false, () -> new PutFromKthread(k, f));
        k.newKworker(work);
        w.thread(app, 100, new QueueThenExit(k, work));
        w.shell(List.of(w.waitFor(app), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
    }

    /** The process queues the kernel work that holds its reference, then exits. */
    private static final class QueueThenExit extends Frame {
        private final Kernel k;
        private final WorkStruct work;

        QueueThenExit(Kernel k, WorkStruct work) {
            this.k = k;
            this.work = work;
        }

        @Override
        public String function() {
            return "main";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                Kworker.queue_work(k, work, cx);
                return false;
            }
            t.call(k.exit.new DoExit());
            return true;
        }
    }

    /** The kernel work's completion: fput from a kworker. */
    static final class PutFromKthread extends Frame {
        private final Kernel k;
        private final File f;

        PutFromKthread(Kernel k, File f) {
            this.k = k;
            this.f = f;
        }

        @Override
        public String function() {
            return "async_put_work";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            k.fileTable.fput(t, f, "async work", cx);
            return true;
        }
    }
}
