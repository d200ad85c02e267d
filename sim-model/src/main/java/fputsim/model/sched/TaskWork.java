package fputsim.model.sched;

import fputsim.explore.StepContext;
import fputsim.model.Errno;
import fputsim.model.trace.Event;

/**
 * Models: kernel/task_work.c (Linux 6.18): task_work_add, task_work_run, exit_task_work.
 * Leaves out: task_work_cancel*, TWA_NMI_CURRENT, the pi_lock handshake with cancel (no cancel
 * is modelled), cond_resched between items.
 * Checked by: TaskWorkTest, TaskWorkRunsOnceOrIsRejected, TaskWorksLincheckTest and TaskWorksPropertyTest (sim-tests, on its real-threads twin).
 */
public class TaskWork {

    /** Notify modes of task_work_add's third argument. */
    public enum Notify { TWA_NONE, TWA_RESUME, TWA_SIGNAL, TWA_SIGNAL_NO_IPI }

    protected final fputsim.model.Kernel kernel;

    public TaskWork(fputsim.model.Kernel kernel) {
        this.kernel = kernel;
    }

    /** The queued callbacks, newest first (for reports; not a kernel operation). */
    public static java.util.List<CallbackHead> queued(TaskStruct task) {
        java.util.List<CallbackHead> out = new java.util.ArrayList<>();
        for (CallbackHead h = task.taskWorks(); h != null && h != CallbackHead.WORK_EXITED; h = h.next) {
            out.add(h);
        }
        return out;
    }

    /** task_work_run() as a frame to call. */
    public Frame task_work_run() {
        return new Run();
    }

    /**
     * task_work_add(): push at the head with cmpxchg; fails with -ESRCH once the head is the
     * work_exited sentinel (the task has passed exit_task_work). TWA_SIGNAL also sets
     * TIF_NOTIFY_SIGNAL, which breaks an interruptible sleep. One atomic step's worth.
     */
    public int task_work_add(TaskStruct task, CallbackHead work, Notify notify, StepContext cx) {
        task.touchTaskWorks(); // the cmpxchg loop reads and writes the head, failing or not
        if (rejects(task)) {
            work.rejected(kernel.tracker);
            task.kernel.mark("task_work_add -ESRCH");
            task.kernel.emit(new Event.TaskWorkAdded(work.name, task.pid, -Errno.ESRCH));
            return -Errno.ESRCH;
        }
        work.next = task.taskWorks();
        task.setTaskWorks(work); // the cmpxchg: task_works is written whether or not it succeeds
        work.added(kernel.tracker);
        if (notify == Notify.TWA_SIGNAL || notify == Notify.TWA_SIGNAL_NO_IPI) {
            task.setNotifySignal(true);
        }
        task.kernel.emit(new Event.TaskWorkAdded(work.name, task.pid, 0));
        return 0;
    }

    /** The -ESRCH test: the head is the work_exited sentinel. */
    protected boolean rejects(TaskStruct task) {
        return task.taskWorks() == CallbackHead.WORK_EXITED;
    }

    /** The order a taken batch runs in: list order, newest first (LIFO since c82199061009, 2015). */
    protected CallbackHead batchOrder(CallbackHead head) {
        return head;
    }

    /** The empty-list swap of a PF_EXITING task installs work_exited (closes the mailbox). */
    protected boolean closesMailbox(TaskStruct t) {
        return t.hasFlag(TaskStruct.PF_EXITING);
    }

    /** True when the task has work queued (task_work_pending()). */
    public static boolean task_work_pending(TaskStruct task) {
        CallbackHead head = task.taskWorks();
        return head != null && head != CallbackHead.WORK_EXITED;
    }

    /**
     * task_work_run(): take the whole list at once (xchg to NULL, or to work_exited when the list
     * is empty and the task is PF_EXITING), run it in list order, i.e. newest first (LIFO), and
     * loop until nothing is taken. Items added meanwhile wait for the next batch.
     */
    public final class Run extends Frame {
        private CallbackHead batch;

        @Override
        public String function() {
            return "task_work_run";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (batch == null) {
                t.touchTaskWorks(); // the xchg writes the head, whatever it finds
                CallbackHead head = t.taskWorks();
                if (head == CallbackHead.WORK_EXITED) {
                    return true;
                }
                if (head == null) {
                    if (closesMailbox(t)) {
                        t.setTaskWorks(CallbackHead.WORK_EXITED); // closes the mailbox for good
                        t.kernel.emit(new Event.Step("task_work_run: work_exited installed"));
                    }
                    return true;
                }
                t.setTaskWorks(null);
                t.setNotifySignal(false);
                batch = batchOrder(head);
                t.kernel.emit(new Event.Step("task_work_run: took batch"));
                return false;
            }
            CallbackHead work = batch;
            batch = work.next;
            work.next = null;
            work.ran(t.kernel.tracker);
            t.kernel.emit(new Event.TaskWorkRan(work.name));
            Frame f = work.func.apply(t);
            if (f != null) {
                t.call(f);
            }
            return false;
        }
    }
}
