/*
 * Models: kernel/task_work.c (Linux 6.18): task_work_add, task_work_run, and exit_task_work
 *   (include/linux/task_work.h); the static work_exited sentinel.
 * Leaves out: the notify modes (TWA_RESUME/TWA_SIGNAL/..., i.e. who wakes the task), task_work_cancel*
 *   and the pi_lock handshake with it, cond_resched(), PF_EXITING as a task flag (passed in as
 *   {@code exiting}), KASAN aux stacks; memory barriers (sequential consistency assumed).
 * Checked by: fputsim.tests.lincheck.TaskWorksLincheckTest (linearizability of add and of one
 *   detach-and-run pass, model checking + stress), fputsim.tests.property.TaskWorksPropertyTest
 *   (the full task_work_run loop, sequentially); negative control
 *   fputsim.tests.lincheck.BrokenTaskWorksLincheckTest (on its broken twin in fputsim.atomics.broken).
 */
package fputsim.atomics;

import fputsim.model.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** {@code task->task_works}: a lock-free LIFO of callbacks that only the task itself runs. */
public class TaskWorks {

    /** -ESRCH: task_work_add() on a task that has passed exit_task_work(). */
    public static final int ESRCH = Errno.ESRCH;

    /** {@code struct callback_head}: {@code next} plus {@code func}. */
    public static class CallbackHead {
        /* Written before publication by the CAS in taskWorkAdd; public only for the broken variants. */
        public CallbackHead next;
        final Consumer<CallbackHead> func;

        public CallbackHead(Consumer<CallbackHead> func) {
            this.func = func;
        }
    }

    /** work_exited: "all we need is ->next == NULL"; once it is the head, nothing is ever queued or run again. */
    public static final CallbackHead WORK_EXITED = new CallbackHead(w -> {
        throw new IllegalStateException("work_exited must never run");
    });

    /** {@code task->task_works}. */
    protected final AtomicReference<CallbackHead> taskWorks = new AtomicReference<>();

    /**
     * task_work_add(task, work, TWA_NONE): push at the head unless the task has exited.
     *
     * @return 0, or -ESRCH if exit_task_work() already installed work_exited
     */
    public int taskWorkAdd(CallbackHead work) {
        CallbackHead head;
        do {
            head = taskWorks.get();
            if (head == WORK_EXITED) {
                return -ESRCH; /* caller must fall back (delayed_fput, delayed_mntput, io_uring fallback) */
            }
            work.next = head;
        } while (!taskWorks.compareAndSet(head, work));
        return 0;
    }

    /**
     * One pass of task_work_run()'s loop: detach the whole list (cmpxchg to NULL, or to work_exited when the
     * list is empty and the task is exiting), then run the detached chain newest first.
     *
     * @return the works run by this pass, in the order they ran; empty if nothing was detached
     */
    public List<CallbackHead> taskWorkRunOnce(boolean exiting) {
        CallbackHead work;
        CallbackHead head;
        do {
            work = taskWorks.get();
            if (work == WORK_EXITED) {
                /* The kernel never calls task_work_run() after exit_task_work(); here it is a no-op. */
                return List.of();
            }
            head = null;
            if (work == null) {
                if (!exiting) {
                    return List.of();
                }
                head = WORK_EXITED; /* func() may have queued more: close the mailbox only when empty */
            }
        } while (!taskWorks.compareAndSet(work, head));

        List<CallbackHead> ran = new ArrayList<>();
        while (work != null) { /* LIFO: the chain is newest first and is not reversed (since v4.3) */
            CallbackHead next = work.next; /* read before func(): func may free or requeue work */
            work.func.accept(work);
            ran.add(work);
            work = next;
        }
        return ran;
    }

    /**
     * task_work_run(): repeat detach-and-run until a pass detaches nothing. Works queued while a batch runs
     * (also by the functions themselves) run in the next pass, newest first again.
     *
     * @return every work run, in the order it ran (the kernel returns void; this is for checking)
     */
    public List<CallbackHead> taskWorkRun(boolean exiting) {
        List<CallbackHead> ran = new ArrayList<>();
        for (;;) {
            List<CallbackHead> batch = taskWorkRunOnce(exiting);
            if (batch.isEmpty()) {
                return ran;
            }
            ran.addAll(batch);
        }
    }

    /** exit_task_work(): task_work_run() with PF_EXITING set; ends with work_exited installed. */
    public List<CallbackHead> exitTaskWork() {
        return taskWorkRun(true);
    }

    /** True once work_exited is the head (racy snapshot). */
    public boolean exited() {
        return taskWorks.get() == WORK_EXITED;
    }
}
