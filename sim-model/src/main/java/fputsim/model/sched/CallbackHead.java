package fputsim.model.sched;

import java.util.function.Function;

/**
 * Models: struct callback_head (include/linux/types.h, Linux 6.18): an item of a task's
 * task_works list; {@code func} builds the frame that runs it.
 * Leaves out: the rcu_head use of the same struct.
 * Checked by: TaskWorkRunsOnceOrIsRejected (the counters below).
 */
public final class CallbackHead {
    final String name;
    final Function<TaskStruct, Frame> func;
    CallbackHead next;
    /**
     * How often task_work_add accepted it and refused it (-ESRCH), and how often task_work_run
     * ran it. A head may be queued again after it ran (io_uring's tctx->task_work is), so the
     * invariant is runs <= adds, with runs == adds once the task has drained its list.
     */
    public int adds;
    public int rejects;
    public int runs;

    public CallbackHead(String name, Function<TaskStruct, Frame> func) {
        this.name = name;
        this.func = func;
    }

    public String name() {
        return name;
    }

    /** The static work_exited sentinel of kernel/task_work.c. */
    static final CallbackHead WORK_EXITED = new CallbackHead("work_exited", t -> null);
}
