package fputsim.model.sched;

import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;

/**
 * Models: a workqueue worker thread (kernel/workqueue.c worker_thread, Linux 6.18) dedicated to
 * one work item: it starts the work whenever it is pending. A kworker is PF_KTHREAD: an fput it
 * makes cannot use task_work and goes through delayed_fput. Giving each work item its own worker
 * keeps the two facts the properties need (different works run concurrently; one work never runs
 * twice at once) without modelling pools.
 * Leaves out: worker pools, rescuers, concurrency management, per-CPU binding.
 * Checked by: KworkerTest.
 */
public final class Kworker extends TaskStruct {
    private final WorkStruct work;

    public Kworker(Kernel kernel, int pid, String comm, WorkStruct work) {
        super(kernel, pid, comm, PF_KTHREAD, null);
        this.work = work;
        work.worker = this;
    }

    @Override
    public String name() {
        return comm;
    }

    /** The work item this worker runs (for reports and the timed driver). */
    public WorkStruct work() {
        return work;
    }

    /** Idle with nothing pending is not a hang: the worker sleeps until work is queued. */
    @Override
    protected Status idleStatus() {
        return work.pending() ? Status.ENABLED : Status.FINISHED;
    }

    /** process_one_work(): clear the pending bit, then run the function. */
    @Override
    protected void startIdleWork(StepContext cx) {
        work.start();
        kernel.emit(new Event.WorkStarted(work.function));
        call(work.func.get());
    }

    @Override
    protected void onIdle(StepContext cx) {
        work.finish();
        kernel.emit(new Event.WorkFinished(work.function));
    }

    /**
     * queue_work() / schedule_delayed_work(): set the pending bit unless already set; returns
     * false when it was already pending.
     */
    public static boolean queue_work(Kernel kernel, WorkStruct work, StepContext cx) {
        if (!work.test_and_set_pending()) {
            return false;
        }
        kernel.emit(new Event.WorkQueued(work.workqueue, work.function));
        return true;
    }

    /** flush_work() / flush_delayed_work(): waits (a frame) until the work is neither pending nor running. */
    public static final class Flush extends Frame {
        private final WorkStruct work;

        public Flush(WorkStruct work) {
            this.work = work;
        }

        /** The work being flushed. */
        public WorkStruct work() {
            return work;
        }

        @Override
        public String function() {
            return "flush_work";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return work.quiet() || work.worker == current;
        }

        @Override
        public String waitsFor() {
            return work.function + " to be neither pending nor running (pending " + work.pending() + ", running " + work.running() + ")";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            return true; // the guard read the work's state
        }
    }
}
