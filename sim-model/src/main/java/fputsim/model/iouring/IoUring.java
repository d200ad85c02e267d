package fputsim.model.iouring;

import fputsim.explore.StepContext;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;

/**
 * Models: io_uring's completion and task_work side (io_uring/io_uring.c, io_uring/tw.c,
 * Linux 6.18): queuing a completion as task_work (io_req_normal_work_add) or as DEFER_TASKRUN
 * local work (io_req_local_work_add), running it (tctx_task_work), the fallback to a kworker
 * (io_fallback_tw, io_fallback_req_func), and freeing a request (io_free_batch_list: io_put_file,
 * then back to the ring's request cache, keeping its ring reference). The exit side is in
 * {@link IoUringExit}.
 *
 * <p>6.18 follows the source, not the project brief: in 6.18 tctx_task_work_run still checks
 * PF_EXITING and punts the whole list to the fallback worker with io_fallback_tw(tctx, true),
 * waiting for it; "io_uring: unify task_work cancelation checks" (878afd488384), which runs the
 * handlers inline with a cancel flag, is in 6.19 (docs/kernel-notes.md, question 1).
 * Leaves out: the retry list of local work, nr_wait wake-ups (the submitter's waits are killable
 * sleeps here), task_work batching limits, CQE posting details.
 * Checked by: IoUringTest, Scenario03.
 */
public class IoUring extends IoUringExit {

    public IoUring(Kernel kernel) {
        super(kernel);
    }

    /** Creates the per-ring work items and their kworkers (at ring set-up). */
    public void setupRing(IoRingCtx ctx) {
        WorkStruct fallback = new WorkStruct(kernel.tracker, ctx.name + ".fallback_work", "events_unbound", "io_fallback_req_func", true, () -> fallbackWork(ctx));
        kernel.newKworker(fallback);
        WorkStruct exit = new WorkStruct(kernel.tracker, ctx.name + ".exit_work", "iou_exit", "io_ring_exit_work", false, () -> exitWork(ctx));
        kernel.newKworker(exit);
        ctx.setWorks(fallback, exit);
        fputsim.model.sched.CallbackHead cb = new fputsim.model.sched.CallbackHead("io_tctx_exit_cb(" + ctx.name + ")", t -> new TctxExitCb(ctx));
        ctx.setTctxExitCb(cb);
        kernel.callbacks.add(cb);
    }

    /** The fallback work's function (io_fallback_req_func) as a frame. */
    protected Frame fallbackWork(IoRingCtx ctx) {
        return new FallbackReqFunc(ctx);
    }

    /** The exit work's function (io_ring_exit_work) as a frame. */
    protected Frame exitWork(IoRingCtx ctx) {
        return new RingExitWork(ctx);
    }

    /** __io_req_task_work_add(): a completion goes to local work (DEFER_TASKRUN) or to task_work. */
    public void io_req_task_work_add(TaskStruct current, IoKiocb req, StepContext cx) {
        if (req.ctx.deferTaskrun) {
            io_req_local_work_add(current, req, cx);
        } else {
            io_req_normal_work_add(current, req, cx);
        }
    }

    /**
     * io_req_local_work_add(): push on ctx->work_llist, which only the submitter runs. Since 6.4
     * it never falls back, whatever the state of the task or ring (kernel-notes question 2).
     * 6.1 (io_req_local_work_add@6.1-rc6/6.1.192, docs/kernel-notes.md §13): on the empty to
     * non-empty transition, if the submitter is in io_uring's cancel (tctx->in_idle), the ring's
     * local work is moved at once (io_move_task_work_from_local: to the task's task_work).
     */
    protected void io_req_local_work_add(TaskStruct current, IoKiocb req, StepContext cx) {
        boolean first = req.ctx.workLlist.llist_add(req, cx);
        kernel.emit(new Event.Step("io_req_local_work_add(" + req.holder() + ")"));
        if (first && kernel.variant.baseline().idleTaskLocalWorkMoves() && req.tctx.inIdle()) {
            kernel.mark("io_req_local_work_add: in_idle, move local work");
            io_move_task_work_from_local(current, req.ctx, cx);
        }
    }

    /**
     * io_req_normal_work_add(): push on tctx->task_list; on the empty to non-empty transition
     * queue tctx_task_work on the task (TWA_SIGNAL); when that fails with -ESRCH (the task has
     * passed exit_task_work) move everything to the fallback worker.
     */
    protected void io_req_normal_work_add(TaskStruct current, IoKiocb req, StepContext cx) {
        IoUringTask tctx = req.tctx;
        if (!tctx.taskList.llist_add(req, cx)) {
            return;
        }
        if (kernel.taskWork.task_work_add(tctx.task, tctx.taskWork, TaskWork.Notify.TWA_SIGNAL, cx) != 0) {
            kernel.mark("io_uring task_work_add -ESRCH: fallback");
            io_fallback_tw(current, tctx, false, cx);
        }
    }

    /**
     * io_fallback_tw(): take the task's pending list (newest first, not reversed), push each
     * request on its ring's fallback list and schedule the ring's fallback work (delay 1).
     * With sync, wait for the fallback work of every ring touched (flush_delayed_work).
     */
    @Override
    protected void io_fallback_tw(TaskStruct current, IoUringTask tctx, boolean sync, StepContext cx) {
        Llist.Node<IoKiocb> chain = tctx.taskList.llist_del_all(cx);
        java.util.List<IoRingCtx> touched = new java.util.ArrayList<>();
        for (IoKiocb req : Llist.items(chain)) {
            if (req.ctx.fallbackLlist.llist_add(req, cx)) {
                Kworker.queue_work(kernel, req.ctx.fallbackWork(), cx);
            }
            if (!touched.contains(req.ctx)) {
                touched.add(req.ctx);
            }
        }
        if (sync) {
            for (IoRingCtx ctx : touched) {
                current.call(new Kworker.Flush(ctx.fallbackWork()));
            }
        }
    }

    /**
     * io_move_task_work_from_local(): the ring's local work goes to the fallback worker
     * (6.18: __io_fallback_tw). 6.1 (io_move_task_work_from_local@6.1-rc6/6.1.192) re-queues each
     * request, in list order, through __io_req_task_work_add(req, false): the submitter's
     * task_work, the fallback only when task_work_add fails.
     */
    @Override
    protected void io_move_task_work_from_local(TaskStruct current, IoRingCtx ctx, StepContext cx) {
        Llist.Node<IoKiocb> chain = ctx.workLlist.llist_del_all(cx);
        if (kernel.variant.baseline().localWorkMovesToTaskWork()) {
            for (IoKiocb req : Llist.items(chain)) {
                io_req_normal_work_add(current, req, cx);
            }
            return;
        }
        for (IoKiocb req : Llist.items(Llist.llist_reverse_order(chain))) {
            if (ctx.fallbackLlist.llist_add(req, cx)) {
                Kworker.queue_work(kernel, ctx.fallbackWork(), cx);
            }
        }
    }

    /** tctx_task_work(): the callback queued on the task; runs tctx_task_work_run. */
    public final class TctxTaskWork extends Frame {
        private final IoUringTask tctx;
        private Llist.Node<IoKiocb> batch;

        public TctxTaskWork(IoUringTask tctx) {
            this.tctx = tctx;
        }

        @Override
        public String function() {
            return "tctx_task_work";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                if (punt_on_exit(current)) {
                    kernel.mark("tctx_task_work on PF_EXITING: fallback");
                    io_fallback_tw(current, tctx, true, cx);
                    return true;
                }
                batch = Llist.llist_reverse_order(tctx.taskList.llist_del_all(cx));
                return batch == null;
            }
            IoKiocb req = batch.item;
            batch = batch.next;
            io_req_task_complete(current, req, io_should_terminate_tw(current, req), cx);
            return batch == null;
        }
    }

    /**
     * tctx_task_work_run()'s exit check. 6.18: a PF_EXITING task hands its whole list to the
     * fallback worker (io_fallback_tw(tctx, true)). A variant that runs inline returns false.
     */
    protected boolean punt_on_exit(TaskStruct current) {
        return kernel.variant.baseline().exitingTaskWorkPunts() && current.hasFlag(TaskStruct.PF_EXITING);
    }

    /** io_should_terminate_tw(): cancel instead of running normally (kthread, exiting task, dying ring). */
    protected boolean io_should_terminate_tw(TaskStruct current, IoKiocb req) {
        return current.isKthread() || current.hasFlag(TaskStruct.PF_EXITING) || req.ctx.dying();
    }

    /**
     * The request's task_work handler, then io_free_req. A buffered read woken from the page
     * cache is re-issued (io_req_task_submit): with the cancel test true it fails with -EFAULT;
     * re-issued by the killed task it fails with -EINTR (fatal signal pending). A direct read
     * completes with its byte count.
     */
    @Override
    protected void io_req_task_complete(TaskStruct current, IoKiocb req, boolean cancel, StepContext cx) {
        req.ctx.dying(); // io_should_terminate_tw reads the dying state, whichever caller decided
        int res = !req.buffered ? 4096 : cancel ? -Errno.EFAULT : current.fatal_signal_pending() ? -Errno.EINTR : 4096;
        req.complete(res);
        kernel.emit(new Event.RequestCompleted(req.ctx.name, req.id, res, req.file.name));
        io_free_req(current, req, cx);
    }

    /** A request's handler run by the task itself with the cancel test true (exit paths). */
    public void completeCancelled(TaskStruct current, IoKiocb req, StepContext cx) {
        io_req_task_complete(current, req, true, cx);
    }

    /**
     * io_free_batch_list() (io_uring/io_uring.c@v6.18.32; 6.1.192 the same), reached from
     * io_req_task_complete through io_submit_flush_completions: io_put_file first, then the task
     * reference (io_put_task), then io_req_add_to_cache: the request goes back to the ring's
     * request cache and keeps its ring reference, which only io_req_caches_free drops (finding 2).
     * If io_put_file called a function (a synchronous __fput), the rest runs after it returns.
     */
    protected void io_free_req(TaskStruct current, IoKiocb req, StepContext cx) {
        io_put_file(current, req, cx);
        current.andThen("io_free_req", c -> {
            req.markFreed();
            req.tctx.requestFreed();
            req.ctx.io_req_add_to_cache();
        });
    }

    /** io_put_file(): fput(req->file) unless the file is borrowed from the fixed table. */
    protected void io_put_file(TaskStruct current, IoKiocb req, StepContext cx) {
        if (!req.fixedFile) {
            kernel.fileTable.fput(current, req.file, req.holder(), cx);
        }
    }

    /**
     * What io_cqring_wait does when a fatal signal wakes the submitter
     * (io_uring/io_uring.c:io_cqring_wait@v6.18.32; io_cqring_wait_schedule@6.1.192 the same):
     * before it breaks out with -EINTR it runs the pending local work of its DEFER_TASKRUN ring
     * (io_run_local_work), not cancelled (PF_EXITING is not set and the ring is not dying), then
     * task_work. The frame for the local work of every DEFER_TASKRUN ring {@code t} submits to,
     * or null when there is none.
     */
    public Frame io_cqring_wait_signalled(TaskStruct t) {
        java.util.List<IoRingCtx> local = localWorkRings(t);
        return local.isEmpty() ? null : new SignalledLocalWork(local, true);
    }

    /** The DEFER_TASKRUN rings whose local work {@code t} runs (it is their submitter). */
    private static java.util.List<IoRingCtx> localWorkRings(TaskStruct t) {
        IoUringTask tctx = t.ioUring();
        java.util.List<IoRingCtx> local = new java.util.ArrayList<>();
        if (tctx == null) {
            return local;
        }
        for (IoRingCtx ctx : tctx.rings()) {
            if (ctx.deferTaskrun && ctx.submitterTask() == t) {
                local.add(ctx);
            }
        }
        return local;
    }

    /**
     * io_cqring_wait()'s wake condition for fio's loop (io_uring/io_uring.c:io_cqring_wait@v6.18.32,
     * min_events 1): a completion is waiting to be run by {@code t}, as local work of a
     * DEFER_TASKRUN ring it submits to (io_req_local_work_add wakes the submitter) or as its own
     * task_work (io_req_normal_work_add's TWA_SIGNAL sets TIF_NOTIFY_SIGNAL). Declares what it reads.
     */
    public boolean io_cqring_wait_has_events(TaskStruct t) {
        boolean events = TaskWork.task_work_pending(t);
        for (IoRingCtx ctx : localWorkRings(t)) {
            events |= !ctx.workLlist.llist_empty();
        }
        return events;
    }

    /**
     * What io_cqring_wait@v6.18.32 does when a completion (not a signal) wakes fio's job thread
     * {@code t}: io_run_local_work on each DEFER_TASKRUN ring it submits to (handlers not
     * cancelled: the task is not exiting and the ring is not dying), then io_run_task_work
     * (task_work_run, for its tctx_task_work) if task_work is pending, before it counts the CQEs
     * and returns to fio. Calls those functions (the local work runs first).
     */
    public void io_cqring_wait_woken(TaskStruct t) {
        if (TaskWork.task_work_pending(t)) {
            t.call(kernel.taskWork.task_work_run());
        }
        java.util.List<IoRingCtx> local = localWorkRings(t);
        if (!local.isEmpty()) {
            t.call(new SignalledLocalWork(local, false));
        }
    }

    /**
     * io_submit_sqes() (io_uring/io_uring.c@v6.18.32) for the SQEs fio's loop queued: under
     * uring_lock, for each: io_alloc_req (the ring's request cache, refilled 8 at a time with
     * their ring references), io_init_req → io_file_get_normal (fget of the data file, unless it
     * is a registered file), the tctx inflight count, then io_issue_sqe → io_read: the buffered
     * read waits on its page (or the direct read is in the block layer), in flight. One step: one
     * lock-held region. Leaves out: a read that finds its page and completes inline (it reaches
     * the same states as one whose completion comes at once), SQ ring head/tail, links.
     */
    public void io_submit_sqes(TaskStruct current, java.util.List<IoKiocb> reqs, StepContext cx) {
        for (IoKiocb req : reqs) {
            req.ctx.io_alloc_req();
            if (!req.fixedFile) {
                kernel.fileTable.fget(req.file, req.holder(), cx);
            }
            req.tctx.requestSubmittedAgain();
            req.io_issue();
            kernel.emit(new Event.Step("io_submit_sqes: io_issue_sqe(" + req.holder() + ") -> io_read"));
        }
    }

    /**
     * io_run_local_work() → __io_run_local_work() (io_uring.c@v6.18.32) in the submitter: take
     * ctx->work_llist, oldest first, and run each handler with io_should_terminate_tw's verdict.
     * A re-issued buffered read of a task with SIGKILL pending fails in filemap_get_pages
     * (fatal_signal_pending → -EINTR); the request is freed in the task, its file put not final.
     */
    public final class SignalledLocalWork extends Frame {
        private final java.util.List<IoRingCtx> rings;
        private final boolean signalled;
        private int ring;
        private Llist.Node<IoKiocb> batch;

        SignalledLocalWork(java.util.List<IoRingCtx> rings, boolean signalled) {
            this.rings = rings;
            this.signalled = signalled;
        }

        @Override
        public String function() {
            return "io_run_local_work";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (batch == null) {
                IoRingCtx ctx = rings.get(ring++);
                batch = Llist.llist_reverse_order(ctx.workLlist.llist_del_all(cx));
                if (batch != null && signalled) {
                    kernel.mark("io_cqring_wait: killed task runs its local work");
                }
                return batch == null && ring == rings.size();
            }
            IoKiocb req = batch.item;
            batch = batch.next;
            io_req_task_complete(current, req, io_should_terminate_tw(current, req), cx);
            return batch == null && ring == rings.size();
        }
    }

    /** io_fallback_req_func(): on a kworker, take the ring's fallback list and run each handler cancelled. */
    public final class FallbackReqFunc extends Frame {
        private final IoRingCtx ctx;
        private Llist.Node<IoKiocb> chain;

        public FallbackReqFunc(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_fallback_req_func";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                chain = ctx.fallbackLlist.llist_del_all(cx);
                return chain == null;
            }
            IoKiocb req = chain.item;
            chain = chain.next;
            io_req_task_complete(current, req, io_should_terminate_tw(current, req), cx);
            return chain == null;
        }
    }
}
