package fputsim.model.iouring;

import fputsim.explore.Tracker;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: struct io_uring_task, the per-task io_uring context (io_uring/tctx.c, Linux 6.18): the
 * task_list (an llist of completions to run as task_work, taken with llist_del_all then
 * reversed), the one callback head it queues as task_work (tctx_task_work), the rings it uses
 * (tctx->xa), its io-wq, and the inflight counts.
 * Shared state is private and declared by the accessors: {@link #ioWqKey} covers IO_WQ_BIT_EXIT
 * and in_cancel, {@link #inflightKey} the inflight counts (a request's free decrements them, a
 * commutative update). The rings and io-wq workers are set up once.
 * Leaves out: registered ring fds, cached refs (io_uring_drop_tctx_refs), the wait queue.
 * Checked by: IoUringTest.
 */
public final class IoUringTask {
    public final TaskStruct task;
    public final Llist<IoKiocb> taskList;
    public final CallbackHead taskWork;
    public final String ioWqKey;
    public final String inflightKey;
    private final Tracker tracker;
    private final List<IoRingCtx> rings = new ArrayList<>();
    private final List<IoWqWorker> ioWq = new ArrayList<>();
    /** IO_WQ_BIT_EXIT: set by io_wq_exit_start / io_wq_put_and_exit. */
    private boolean ioWqExiting;
    private int inflight;
    private int inflightTracked;
    private int inCancel;
    private int workersDone;

    public IoUringTask(TaskStruct task, IoUring io) {
        this.task = task;
        this.tracker = task.kernel.tracker;
        this.ioWqKey = "io_wq:" + task.name();
        this.inflightKey = "inflight:" + task.name();
        this.taskList = new Llist<>(tracker, "tctx(" + task.name() + ").task_list");
        this.taskWork = new CallbackHead("tctx_task_work(" + task.name() + ")", t -> io.new TctxTaskWork(this));
    }

    /** tctx->xa: the rings this task used. */
    public List<IoRingCtx> rings() {
        return Collections.unmodifiableList(rings);
    }

    /** The io-wq workers of this task. */
    public List<IoWqWorker> ioWq() {
        return Collections.unmodifiableList(ioWq);
    }

    /** Set-up: io_uring_add_tctx_node's xa_store. */
    public void addRing(IoRingCtx ctx) {
        task.kernel.requireSetUp("a ring of ", task.name());
        rings.add(ctx);
    }

    /** Set-up: an io-wq worker of this task. */
    public void addIoWqWorker(IoWqWorker w) {
        task.kernel.requireSetUp("an io-wq worker of ", task.name());
        ioWq.add(w);
    }

    /** Set-up: a request submitted by this task is in flight. */
    public void requestSubmitted() {
        task.kernel.requireSetUp("a request of ", task.name());
        inflight++;
    }

    /**
     * io_submit_sqes' per-request inflight count (io_uring/io_uring.c@v6.18.32: tctx->inflight is a
     * percpu counter, io_get_task_refs/percpu_counter_add at submission): reads nothing back.
     */
    void requestSubmittedAgain() {
        tracker.update(inflightKey);
        inflight++;
    }

    /** test_bit(IO_WQ_BIT_EXIT). */
    public boolean ioWqExiting() {
        tracker.read(ioWqKey);
        return ioWqExiting;
    }

    /** io_wq_exit_start(), with atomic_inc(&tctx->in_cancel). */
    public void io_wq_exit_start() {
        tracker.write(ioWqKey);
        ioWqExiting = true;
        inCancel++;
    }

    /**
     * atomic_read(&tctx->in_idle) (6.1; in_cancel in 6.18): the task is in, or has been through,
     * io_uring_cancel_generic. On the exit path (cancel_all false) it is never decremented.
     */
    public boolean inIdle() {
        tracker.read(ioWqKey);
        return inCancel > 0;
    }

    /**
     * io_worker_exit's io_worker_ref_put (io_uring/io-wq.c@v6.18.32): a worker is done with the
     * wq; the last one completes wq->worker_done, before its own do_exit.
     */
    void ioWorkerDone() {
        tracker.write(ioWqKey);
        workersDone++;
    }

    /** wq->worker_done completed: every io-wq worker has passed io_worker_ref_put. */
    public boolean ioWqWorkersDone() {
        tracker.read(ioWqKey);
        return workersDone == ioWq.size();
    }

    /** tctx_inflight(tctx, false): every request in flight. */
    public int inflight() {
        tracker.read(inflightKey);
        return inflight;
    }

    /** tctx_inflight(tctx, true): the tracked ones. */
    public int inflightTracked() {
        tracker.read(inflightKey);
        return inflightTracked;
    }

    /** percpu_counter_sub(&tctx->inflight, 1) at a request's free: reads nothing back. */
    void requestFreed() {
        tracker.update(inflightKey);
        inflight--;
    }
}
