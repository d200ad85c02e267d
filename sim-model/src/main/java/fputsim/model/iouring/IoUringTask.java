package fputsim.model.iouring;

import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct io_uring_task, the per-task io_uring context (io_uring/tctx.c, Linux 6.18): the
 * task_list (an llist of completions to run as task_work, taken with llist_del_all then
 * reversed), the one callback head it queues as task_work (tctx_task_work), the rings it uses
 * (tctx->xa), its io-wq, and the inflight counts.
 * Leaves out: registered ring fds, cached refs (io_uring_drop_tctx_refs), the wait queue.
 * Checked by: IoUringTest.
 */
public final class IoUringTask {
    public final TaskStruct task;
    public final Llist<IoKiocb> taskList;
    public final CallbackHead taskWork;
    public final List<IoRingCtx> rings = new ArrayList<>();
    public final List<IoWqWorker> ioWq = new ArrayList<>();
    /** IO_WQ_BIT_EXIT: set by io_wq_exit_start / io_wq_put_and_exit. */
    public boolean ioWqExiting;
    public final String ioWqKey;
    /** POR key of the inflight counts (decremented by request frees, read by SQPOLL's cancel wait). */
    public final String inflightKey;
    public int inflight;
    public int inflightTracked;
    public int inCancel;

    public IoUringTask(TaskStruct task, IoUring io) {
        this.task = task;
        this.ioWqKey = "io_wq:" + task.name();
        this.inflightKey = "inflight:" + task.name();
        this.taskList = new Llist<>("tctx(" + task.name() + ").task_list");
        this.taskWork = new CallbackHead("tctx_task_work(" + task.name() + ")", t -> io.new TctxTaskWork(this));
    }
}
