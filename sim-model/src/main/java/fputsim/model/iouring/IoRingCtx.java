package fputsim.model.iouring;

import fputsim.model.fs.File;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct io_ring_ctx (io_uring/io_uring.c, Linux 6.18): its own anon-inode file, refs
 * (a percpu_ref: one base reference plus one per live request; percpu_ref_kill drops the base
 * and marks the ring dying), the DEFER_TASKRUN local work list that only the submitter task may
 * run, the fallback list and its delayed work (io_fallback_req_func), the exit work
 * (io_ring_exit_work on the "iou_exit" workqueue), and the registered (fixed) file table.
 * Leaves out: the SQ/CQ rings and overflow, personalities, buffers, IOPOLL, timeouts, poll.
 * Checked by: IoUringTest, Scenario03.
 */
public final class IoRingCtx {
    public final String name;
    /** The POR key for refs and the dying state. */
    public final String key;
    /** POR key of ctx->refs: a put by a request is a per-CPU decrement (a commutative update). */
    public final String refsKey;
    public final boolean deferTaskrun;
    public final boolean sqpoll;
    public File ringFile;
    public int refs = 1;
    public boolean dying;
    public boolean freed;
    /** io_ring_exit_work finished (the 2023+ series' release waits for it). */
    public boolean exitDone;
    /** The exit kworker has also run its own task_work (2024 series). */
    public boolean exitTaskWorkDone;
    public TaskStruct submitterTask;
    public final Llist<IoKiocb> workLlist;
    public final Llist<IoKiocb> fallbackLlist;
    public WorkStruct fallbackWork;
    public WorkStruct exitWork;
    public final List<File> fileTable = new ArrayList<>();
    public final List<IoKiocb> requests = new ArrayList<>();
    /** The tasks whose tctx node is on ctx->tctx_list. */
    public final List<IoUringTask> tctxList = new ArrayList<>();

    public IoRingCtx(String name, boolean deferTaskrun, boolean sqpoll) {
        this.name = name;
        this.key = "ctx:" + name;
        this.refsKey = key + ".refs";
        this.deferTaskrun = deferTaskrun;
        this.sqpoll = sqpoll;
        this.workLlist = new Llist<>(name + ".work_llist");
        this.fallbackLlist = new Llist<>(name + ".fallback_llist");
    }

    @Override
    public String toString() {
        return name;
    }
}
