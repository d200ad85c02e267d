package fputsim.model.sched;

import fputsim.explore.Tracker;

import java.util.function.Supplier;

/**
 * Models: struct work_struct and struct delayed_work (kernel/workqueue.c, Linux 6.18): a pending
 * bit and a function. queue_work on a pending work is a no-op; the pending bit is cleared when a
 * worker starts the function, so the work can be queued again while it runs; one work item never
 * runs twice at once. A delayed work's timer is "fires at some later step" in the untimed model.
 * The pending bit, the running state and the queue count are one piece of shared state (the
 * work's key): every accessor declares it.
 * Leaves out: CPU affinity, pool concurrency management, cancel_work.
 * Checked by: KworkerTest.
 */
public final class WorkStruct {
    public final String function;
    public final String workqueue;
    public final boolean delayed;
    final Supplier<Frame> func;
    private final Tracker tracker;
    /** The POR key. */
    public final String key;
    private boolean pending;
    /** Between process_one_work's start and the function's return. */
    private boolean running;
    /** How many times it was queued (for coverage and reports). */
    private int queued;
    /** The kworker that runs it (set up once). */
    Kworker worker;

    public WorkStruct(Tracker tracker, String instance, String workqueue, String function, boolean delayed, Supplier<Frame> func) {
        this.tracker = tracker;
        this.workqueue = workqueue;
        this.function = function;
        this.delayed = delayed;
        this.func = func;
        this.key = "work:" + instance;
    }

    /** work_pending(). */
    public boolean pending() {
        tracker.read(key);
        return pending;
    }

    public boolean running() {
        tracker.read(key);
        return running;
    }

    public int queued() {
        tracker.read(key);
        return queued;
    }

    /** Neither pending nor running: what flush_work waits for. */
    public boolean quiet() {
        tracker.read(key);
        return !pending && !running;
    }

    /** queue_work's test_and_set_bit(WORK_STRUCT_PENDING): false when it was already pending. */
    boolean test_and_set_pending() {
        tracker.write(key);
        queued++;
        boolean was = pending;
        pending = true;
        return !was;
    }

    /** process_one_work(): the pending bit is cleared as the function starts. */
    void start() {
        tracker.write(key);
        pending = false;
        running = true;
    }

    /** The function returned. */
    void finish() {
        tracker.write(key);
        running = false;
    }
}
