package fputsim.model.sched;

import fputsim.explore.Tracker;

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
    /** The list link; protected by the owning task's task_works cmpxchg (TaskWork declares it). */
    CallbackHead next;
    /*
     * How often task_work_add accepted it and refused it (-ESRCH), and how often task_work_run
     * ran it. A head may be queued again after it ran (io_uring's tctx->task_work is), so the
     * invariant is runs <= adds, with runs == adds once the task has drained its list. The
     * counters are commutative updates: nobody reads them back in a step.
     */
    private int adds;
    private int rejects;
    private int runs;
    private final String key;

    public CallbackHead(String name, Function<TaskStruct, Frame> func) {
        this.name = name;
        this.func = func;
        this.key = "callback:" + name;
    }

    public String name() {
        return name;
    }

    public int adds() {
        return adds;
    }

    public int rejects() {
        return rejects;
    }

    public int runs() {
        return runs;
    }

    void added(Tracker tracker) {
        tracker.update(key);
        adds++;
    }

    void rejected(Tracker tracker) {
        tracker.update(key);
        rejects++;
    }

    void ran(Tracker tracker) {
        tracker.update(key);
        runs++;
    }

    /** The static work_exited sentinel of kernel/task_work.c. */
    static final CallbackHead WORK_EXITED = new CallbackHead("work_exited", t -> null);
}
