package fputsim.model.iouring;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;

/**
 * Models: io_uring's exit side (io_uring/cancel.c, io_uring/tctx.c, io_uring/io_uring.c,
 * Linux 6.18): io_uring_files_cancel from do_exit (__io_uring_cancel(false) →
 * io_uring_cancel_generic: marks io-wq exiting, waits only for tracked requests — none here — then
 * io_uring_clean_tctx: drops the tctx nodes and waits for the io-wq threads), the ring file's
 * release (io_uring_release → io_ring_ctx_wait_and_kill: percpu_ref_kill, flush the fallback
 * work, queue io_ring_exit_work, return without waiting), and io_ring_exit_work (move local work
 * to the fallback, cancel, free the request cache, wait HZ/20 for the ring's references, retry;
 * then io_ring_ctx_free, which puts the fixed files from the kworker).
 * The ring's references are held by its allocated requests, in flight or cached: a freed request
 * keeps its reference in the request cache until a pass's io_req_caches_free
 * (io_ring_exit_work@v6.18.32 and 6.1.192), so a request freed after that pass's free makes the
 * wait run to its timeout and the next pass free it (finding 2).
 * The exit work's HZ/20 timeout is modelled as "may loop again when there is something new to do":
 * new local work to move, or cached requests to free. A timeout with nothing new to do changes
 * nothing, and leaving it out keeps the untimed model from spinning.
 * After the refs wait, the exit work queues io_tctx_exit_cb on every task left on the ring's
 * tctx_list and waits for each (a killed task's node is already gone: io_uring_clean_tctx).
 * Leaves out: IOPOLL reaping, poll/timeout/futex cancellation, CQ overflow.
 * Checked by: IoUringTest, Scenario03.
 */
public abstract class IoUringExit {
    protected final Kernel kernel;

    protected IoUringExit(Kernel kernel) {
        this.kernel = kernel;
    }

    protected abstract void io_move_task_work_from_local(TaskStruct current, IoRingCtx ctx, StepContext cx);

    protected abstract void io_req_task_work_add(TaskStruct current, IoKiocb req, StepContext cx);

    protected abstract void io_fallback_tw(TaskStruct current, IoUringTask tctx, boolean sync, StepContext cx);

    protected abstract void io_req_task_complete(TaskStruct current, IoKiocb req, boolean cancel, StepContext cx);

    /** io_uring_files_cancel(): called by do_exit before PF_EXITING. */
    public Frame io_uring_files_cancel(TaskStruct current) {
        return new CancelGeneric(current.ioUring());
    }

    /**
     * io_uring_cancel_generic(cancel_all=false): io_wq_exit_start, then the loop breaks at once
     * because tctx_inflight(tctx, true) counts only tracked requests; io_uring_clean_tctx removes
     * the task's nodes from each ring and io_wq_put_and_exit waits for the io-wq threads.
     */
    public class CancelGeneric extends Frame {
        protected final IoUringTask tctx;

        public CancelGeneric(IoUringTask tctx) {
            this.tctx = tctx;
        }

        @Override
        public String function() {
            return "io_uring_cancel_generic";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return pc != 2 || workersGone();
        }

        @Override
        public String waitsFor() {
            return "the io-wq workers of " + tctx.task.name() + " to put their wq reference (io_wq_put_and_exit: worker_done)";
        }

        /** io_wq_exit_workers' wait_for_completion(&wq->worker_done): before the workers' do_exit. */
        private boolean workersGone() {
            return tctx.ioWq().isEmpty() || tctx.ioWqWorkersDone();
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    tctx.io_wq_exit_start();
                    kernel.emit(new Event.Step("io_uring_cancel_generic: tracked inflight " + tctx.inflightTracked()));
                    pc = 1;
                }
                case 1 -> {
                    for (IoRingCtx ctx : tctx.rings()) {
                        ctx.io_uring_del_tctx_node(tctx);
                    }
                    pc = 2;
                }
                default -> {
                    // cancel_all is false: "just leave ->in_cancel set for normal exit"
                    // (io_uring_cancel_generic@v6.18.32; 6.1.192 the same with in_idle)
                    kernel.emit(new Event.Step("io_wq_put_and_exit: worker_done"));
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * io_tctx_exit_cb() (io_uring/io_uring.c@v6.18.32), run as task_work by a task on the ring's
     * tctx_list: removes the task's node unless it is in io_uring's cancel, then completes.
     */
    public class TctxExitCb extends Frame {
        protected final IoRingCtx ctx;

        public TctxExitCb(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_tctx_exit_cb";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            IoUringTask tctx = current.ioUring();
            if (tctx != null && !tctx.inIdle()) {
                ctx.io_uring_del_tctx_node(tctx);
            }
            ctx.tctxExitComplete();
            return true;
        }
    }

    /**
     * io_ring_ctx_wait_and_kill()'s first part (io_uring/io_uring.c, Linux 6.18): under
     * uring_lock, percpu_ref_kill(&ctx->refs), after which no new request takes a reference and
     * the exit work can see the count reach zero; the trace says the ring is released. The
     * baseline's release and every variant's own release begin here.
     */
    protected final void io_ring_ctx_kill_refs(IoRingCtx ctx) {
        ctx.percpu_ref_kill();
        kernel.emit(new Event.RingReleased(ctx.name));
    }

    /** io_uring_release() → io_ring_ctx_wait_and_kill(): kill refs, flush fallback, queue the exit work. */
    public Frame io_uring_release(TaskStruct current, File ringFile, IoRingCtx ctx) {
        return new RingRelease(ctx);
    }

    /** io_ring_ctx_wait_and_kill(): despite the name, it does not wait for the requests. */
    public class RingRelease extends Frame {
        protected final IoRingCtx ctx;

        public RingRelease(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_ring_ctx_wait_and_kill";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    io_ring_ctx_kill_refs(ctx);
                    current.call(new Kworker.Flush(ctx.fallbackWork()));
                    pc = 1;
                    return false;
                }
                default -> {
                    Kworker.queue_work(kernel, ctx.exitWork(), cx);
                    return true;
                }
            }
        }
    }

    /** io_ring_exit_work(): the kworker that waits for the ring's requests and frees the ring. */
    public class RingExitWork extends Frame {
        /** io_ring_exit_work@v6.18.32's steps (io_uring/io_uring.c), at their program counters. */
        public enum Step implements NumberedLabel {
            /** The loop's body: io_move_task_work_from_local (DEFER_TASKRUN), io_uring_try_cancel_requests, flush the fallback work. */
            TRY_CANCEL_REQUESTS(0),
            /** wait_for_completion_interruptible_timeout(&ctx->ref_comp, HZ/20): go round again while ctx->refs is held. */
            REF_COMP_WAIT(1),
            /** wait_for_completion_interruptible(&exit.completion): io_tctx_exit_cb queued on a task of the tctx_list. */
            TCTX_EXIT_CB_WAIT(3),
            /** task_work_add to a task on the tctx_list failed: WARN_ON_ONCE, continue (spins; never enabled). */
            TCTX_LIST_SPIN(4),
            /** io_ring_ctx_free: io_sq_thread_finish (SQPOLL), io_sqe_files_unregister (one put a step), the free. */
            RING_CTX_FREE(5),
            /** io_sq_thread_stop: wait_for_completion(&sqd->exited). */
            SQ_THREAD_EXITED_WAIT(6),
            /** io_ring_ctx_free after the SQPOLL thread stopped: io_sqe_files_unregister, the free. */
            SQE_FILES_UNREGISTER(7),
            /** A patch's step after the refs wait ({@link #afterRefsWait}) returned: walk the tctx_list. */
            TCTX_LIST_WALK(8),
            /** io_req_caches_free(ctx): the pass's last act before the wait frees the cached requests and their ring references. */
            REQ_CACHES_FREE(9);

            private static final Step[] ALL = values();

            private final int pc;

            Step(int pc) {
                this.pc = pc;
            }

            @Override
            public int pc() {
                return pc;
            }
        }

        protected final IoRingCtx ctx;
        private int fixed;

        public RingExitWork(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public Step label() {
            return labelAt(Step.ALL, pc);
        }

        @Override
        public String function() {
            return "io_ring_exit_work";
        }

        /**
         * What a patch runs right after the refs wait, before the tctx_list walk (the baselines:
         * nothing): e.g. the io_uring-exit-cancel series' complete(ctx->exit_comp). A frame to call,
         * or null.
         */
        protected Frame afterRefsWait(TaskStruct current, StepContext cx) {
            return null;
        }

        /** io_tctx_exit_cb completions seen when the last callback was queued. */
        private int exitCbSeen;

        @Override
        public boolean enabled(TaskStruct current) {
            return switch (label()) {
                case REF_COMP_WAIT -> ctx.refs() == 0 || ctx.cachedRequests() > 0 || (ctx.deferTaskrun && !ctx.workLlist.llist_empty());
                case TCTX_EXIT_CB_WAIT -> ctx.tctxExitCompletions() > exitCbSeen;
                case TCTX_LIST_SPIN -> false;
                case SQ_THREAD_EXITED_WAIT -> ctx.sqThreadHasExited();
                default -> true;
            };
        }

        @Override
        public String waitsFor() {
            return switch (label()) {
                case TCTX_EXIT_CB_WAIT -> "io_tctx_exit_cb to run on a task left on " + ctx.name + "'s tctx_list (wait_for_completion_interruptible)";
                case SQ_THREAD_EXITED_WAIT -> "the SQPOLL thread of " + ctx.name + " to exit (io_sq_thread_stop: wait_for_completion(&sqd->exited))";
                case TCTX_LIST_SPIN -> "nothing: task_work_add to a task on " + ctx.name + "'s tctx_list failed and the walk spins (WARN_ON_ONCE, continue)";
                default -> "the references of " + ctx.name + " to drop (ctx->refs " + ctx.refs() + ", "
                        + ctx.cachedRequests() + " of them cached; wait_for_completion_timeout)";
            };
        }

        /**
         * io_ring_exit_work@v6.18.32 after the refs wait: for each node left on ctx->tctx_list,
         * task_work_add(node->task, &exit.task_work, TWA_SIGNAL) with io_tctx_exit_cb and wait
         * for it (a killed task removed its own node in io_uring_clean_tctx; another task, or a
         * patch that keeps the node, is waited for here). Returns the next step.
         */
        private Step tctxListWalk(StepContext cx) {
            java.util.List<IoUringTask> nodes = ctx.tctxList();
            if (nodes.isEmpty()) {
                return Step.RING_CTX_FREE;
            }
            IoUringTask node = nodes.get(0);
            exitCbSeen = ctx.tctxExitCompletions();
            if (kernel.taskWork.task_work_add(node.task, ctx.tctxExitCb(), fputsim.model.sched.TaskWork.Notify.TWA_SIGNAL, cx) != 0) {
                kernel.mark("io_ring_exit_work: tctx_list task_work_add failed (spins)");
                return Step.TCTX_LIST_SPIN;
            }
            kernel.emit(new Event.Step("io_ring_exit_work: io_tctx_exit_cb queued on " + node.task.name()));
            return Step.TCTX_EXIT_CB_WAIT;
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            Step at = label();
            switch (at) {
                case TRY_CANCEL_REQUESTS -> {
                    if (ctx.deferTaskrun) {
                        io_move_task_work_from_local(current, ctx, cx);
                    }
                    kernel.emit(new Event.Step("io_ring_exit_work: io_uring_try_cancel_requests"));
                    current.call(new Kworker.Flush(ctx.fallbackWork()));
                    go(Step.REQ_CACHES_FREE);
                }
                case REQ_CACHES_FREE -> {
                    // io_req_caches_free(ctx), the pass's last act before the wait (io_ring_exit_work@v6.18.32)
                    ctx.io_req_caches_free();
                    kernel.emit(new Event.Step("io_ring_exit_work: io_req_caches_free"));
                    go(Step.REF_COMP_WAIT);
                }
                case REF_COMP_WAIT -> {
                    // the guard's other reads, declared by the step it guards (docs/model.md): new local
                    // work or a cached request ends the wait too (its timeout: the next pass frees them)
                    boolean newLocalWork = ctx.deferTaskrun && !ctx.workLlist.llist_empty();
                    boolean cached = ctx.cachedRequests() > 0;
                    if (ctx.refs() != 0) {
                        kernel.mark("io_ring_exit_work retry");
                        kernel.emit(new Event.Step("io_ring_exit_work: wait_for_completion_timeout(HZ/20) retry"));
                        go(Step.TRY_CANCEL_REQUESTS);
                        return false;
                    }
                    Frame after = afterRefsWait(current, cx);
                    if (after != null) {
                        go(Step.TCTX_LIST_WALK);
                        current.call(after);
                        return false;
                    }
                    go(tctxListWalk(cx));
                }
                case TCTX_LIST_WALK -> go(tctxListWalk(cx)); // afterRefsWait's frame returned
                case TCTX_EXIT_CB_WAIT -> go(tctxListWalk(cx)); // the callback ran: look at the list again
                case SQ_THREAD_EXITED_WAIT -> go(Step.SQE_FILES_UNREGISTER); // the SQPOLL thread has exited
                case TCTX_LIST_SPIN -> throw new IllegalStateException("io_ring_exit_work stepped while spinning on " + ctx.name);
                case RING_CTX_FREE, SQE_FILES_UNREGISTER -> {
                    if (at == Step.RING_CTX_FREE && ctx.sqpoll) { // io_ring_ctx_free: io_sq_thread_finish before io_sqe_files_unregister
                        ctx.sqThreadStop();
                        kernel.emit(new Event.Step("io_ring_ctx_free: io_sq_thread_stop"));
                        go(Step.SQ_THREAD_EXITED_WAIT);
                        return false;
                    }
                    if (fixed < ctx.fixedFiles().size()) {
                        File f = ctx.fixedFiles().get(fixed++);
                        kernel.emit(new Event.Step("io_ring_ctx_free: io_sqe_files_unregister"));
                        kernel.fileTable.fput(current, f, "fixed table " + ctx.name, cx);
                        return false;
                    }
                    ctx.io_ring_ctx_free();
                    kernel.emit(new Event.Step("io_ring_ctx_free(" + ctx.name + ")"));
                    return true;
                }
            }
            return false;
        }
    }
}
