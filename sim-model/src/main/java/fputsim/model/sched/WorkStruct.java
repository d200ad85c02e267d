package fputsim.model.sched;

import java.util.function.Supplier;

/**
 * Models: struct work_struct and struct delayed_work (kernel/workqueue.c, Linux 6.18): a pending
 * bit and a function. queue_work on a pending work is a no-op; the pending bit is cleared when a
 * worker starts the function, so the work can be queued again while it runs; one work item never
 * runs twice at once. A delayed work's timer is "fires at some later step" in the untimed model.
 * Leaves out: CPU affinity, pool concurrency management, cancel_work.
 * Checked by: WorkqueueTest.
 */
public final class WorkStruct {
    public final String function;
    public final String workqueue;
    public final boolean delayed;
    final Supplier<Frame> func;
    public boolean pending;
    /** The kworker running it, when running. */
    Kworker worker;
    /** How many times it was queued (for coverage and reports). */
    public int queued;
    /** The POR key. */
    public final String key;

    public WorkStruct(String instance, String workqueue, String function, boolean delayed, Supplier<Frame> func) {
        this.workqueue = workqueue;
        this.function = function;
        this.delayed = delayed;
        this.func = func;
        this.key = "work:" + instance;
    }

    public boolean running() {
        return worker != null && !worker.idle();
    }

    /** Neither pending nor running: what flush_work waits for. */
    public boolean quiet() {
        return !pending && !running();
    }
}
