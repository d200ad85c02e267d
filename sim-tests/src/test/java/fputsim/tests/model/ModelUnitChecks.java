package fputsim.tests.model;

import fputsim.explore.StepContext;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.Variant;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.sched.WorkStruct;
import fputsim.model.scenario.World;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Unit checks of single model functions against the kernel behaviour they model, on a hand-built kernel of any
 * variant (so the mutation check can run them on a seeded bug). Each throws AssertionError naming the kernel
 * rule it saw broken. Tasks are stepped directly, without the explorer.
 */
public final class ModelUnitChecks {
    /** A named check. */
    public record Check(String name, Consumer<Variant> body) {
    }

    private ModelUnitChecks() {
    }

    public static List<Check> all() {
        return List.of(
                new Check("task_work_run_batchOfThree_runsNewestFirst", ModelUnitChecks::taskWorkRunsNewestFirst),
                new Check("task_work_add_afterExitTaskWork_returnsEsrch", ModelUnitChecks::taskWorkAddAfterExitIsRefused),
                new Check("fput_finalPutFromKthread_goesThroughDelayedFput", ModelUnitChecks::kthreadFinalFputIsDeferred),
                new Check("umount_fileStillOpen_returnsEbusy", ModelUnitChecks::umountBusyWhileFileOpen),
                new Check("wait_otherThreadAlive_doesNotReap", ModelUnitChecks::waitWaitsForThreadGroup));
    }

    /** kernel/task_work.c: task_work_run takes the list with xchg and runs it in list order, newest first. */
    static void taskWorkRunsNewestFirst(Variant v) {
        Kernel k = new Kernel(v);
        World w = new World(k);
        TaskStruct t = w.thread(w.process(100, "app"), 100, new Idle());
        for (String name : List.of("first", "second", "third")) {
            CallbackHead cb = new CallbackHead(name, task -> null);
            k.callbacks.add(cb);
            expect(k.taskWork.task_work_add(t, cb, TaskWork.Notify.TWA_RESUME, StepContext.none()) == 0, "task_work_add on a live task succeeds");
        }
        t.call(k.taskWork.task_work_run());
        runToIdle(k, t);
        List<String> ran = new ArrayList<>();
        for (TraceEntry e : k.trace) {
            if (e.event() instanceof Event.TaskWorkRan r) {
                ran.add(r.func());
            }
        }
        expect(ran.equals(List.of("third", "second", "first")), "task_work_run runs a batch newest first (LIFO), ran " + ran);
    }

    /** kernel/task_work.c: exit_task_work installs work_exited; a later task_work_add fails with -ESRCH. */
    static void taskWorkAddAfterExitIsRefused(Variant v) {
        Kernel k = new Kernel(v);
        World w = new World(k);
        TaskStruct t = w.thread(w.process(100, "app"), 100, new Idle());
        t.setFlag(TaskStruct.PF_EXITING);
        t.call(k.taskWork.task_work_run()); // exit_task_work: the empty-list swap installs work_exited
        runToIdle(k, t);
        CallbackHead late = new CallbackHead("late", task -> null);
        int err = k.taskWork.task_work_add(t, late, TaskWork.Notify.TWA_RESUME, StepContext.none());
        expect(err == -Errno.ESRCH, "task_work_add after exit_task_work returns -ESRCH, got " + err);
    }

    /** fs/file_table.c: a final fput from a kthread queues the file on delayed_fput_list; __fput runs later in delayed_fput. */
    static void kthreadFinalFputIsDeferred(Variant v) {
        Kernel k = new Kernel(v);
        World w = new World(k);
        VfsMount mnt = w.mount("/mnt", w.bdev("loop0"));
        SignalStruct app = w.process(100, "app");
        File f = w.open(app, "data", mnt, null);
        k.fileTable.fget(f, "async work", World.SETUP);
        app.files().file_close_fd(f); // the fd was closed; the work holds the last reference
        k.fileTable.fput(null, f, "fd 3 of app-100", World.SETUP);
        WorkStruct work = new WorkStruct(k.tracker, "async_put_work", "events", "async_put_work", false, () -> new Frame() {
            @Override
            public String function() {
                return "async_put_work";
            }

            @Override
            public boolean step(TaskStruct current, StepContext cx) {
                k.fileTable.fput(current, f, "async work", cx);
                return true;
            }
        });
        Kworker kw = k.newKworker(work);
        Kworker.queue_work(k, work, StepContext.none());
        runToIdle(k, kw);
        expect(!f.released(), "the putting kworker must not run __fput itself");
        expect(k.fileTable.delayedFputWork.pending(), "delayed_fput_work is queued");
        expect(k.marks().containsKey("fput via delayed_fput"), "the delayed_fput path is marked");
    }

    /** fs/namespace.c do_umount: propagate_mount_busy(mnt, 2) is true while an open file pins the mount. */
    static void umountBusyWhileFileOpen(Variant v) {
        Kernel k = new Kernel(v);
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct app = w.process(100, "app");
        w.open(app, "data", mnt, null);
        TaskStruct umount = k.addTask(new TaskStruct(k, 200, "umount", 0, null));
        umount.call(k.namespace.new Umount(mnt, 0));
        runToIdle(k, umount);
        List<Integer> r = k.umountResults();
        expect(r.equals(List.of(-Errno.EBUSY)), "umount of a mount with an open file returns -EBUSY, got " + r);
        expect(mnt.attached(), "a busy mount stays attached");
    }

    /** kernel/exit.c: wait() does not reap a group leader while another thread of the group is alive. */
    static void waitWaitsForThreadGroup(Variant v) {
        Kernel k = new Kernel(v);
        World w = new World(k);
        SignalStruct g = w.process(100, "app");
        TaskStruct leader = w.thread(g, 100, new Idle());
        w.thread(g, 101, new Idle());
        k.exit.exitThread(leader, StepContext.none()); // the leader passes exit_notify; thread 101 lives on
        TaskStruct shell = k.addTask(new TaskStruct(k, 99, "bash", 0, null));
        Frame wait = k.exit.new Wait(g);
        expect(!wait.enabled(shell), "wait() sleeps while a non-leader thread is alive (delay_group_leader)");
    }

    /** Steps {@code t} while it can run (bounded): until it returns to its base frame or finishes. */
    private static void runToIdle(Kernel k, TaskStruct t) {
        for (int i = 0; i < 200 && t.status() == fputsim.explore.Status.ENABLED; i++) {
            t.step(StepContext.none());
        }
        expect(t.status() != fputsim.explore.Status.ENABLED, t.name() + " stops within 200 steps");
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** A base frame that never runs (the task is driven by the frames pushed on top of it). */
    private static final class Idle extends Frame {
        @Override
        public String function() {
            return "pause";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return false;
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            return true;
        }
    }
}
