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
 * to the fallback, cancel, wait HZ/20 for the ring's references, retry; then io_ring_ctx_free,
 * which puts the fixed files from the kworker).
 * The exit work's HZ/20 timeout is modelled as "may loop again when there is new local work to
 * move": a timeout with nothing new to do changes nothing, and leaving it out keeps the untimed
 * model from spinning.
 * Leaves out: io_tctx_exit_cb (the tctx nodes are already gone when the task ran
 * io_uring_clean_tctx), IOPOLL reaping, poll/timeout/futex cancellation, CQ overflow.
 * Checked by: IoUringTest, Scenario03.
 */
public abstract class IoUringExit {
    protected final Kernel kernel;

    protected IoUringExit(Kernel kernel) {
        this.kernel = kernel;
    }

    protected abstract void io_move_task_work_from_local(IoRingCtx ctx, StepContext cx);

    protected abstract void io_req_task_work_add(TaskStruct current, IoKiocb req, StepContext cx);

    protected abstract void io_fallback_tw(TaskStruct current, IoUringTask tctx, boolean sync, StepContext cx);

    protected abstract void io_req_task_complete(TaskStruct current, IoKiocb req, boolean cancel, StepContext cx);

    /** io_uring_files_cancel(): called by do_exit before PF_EXITING. */
    public Frame io_uring_files_cancel(TaskStruct current) {
        return new CancelGeneric((IoUringTask) current.ioUring());
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
            return "the io-wq workers of " + tctx.task.name() + " to exit (io_wq_put_and_exit)";
        }

        private boolean workersGone() {
            for (IoWqWorker w : tctx.ioWq()) {
                if (!w.dead()) {
                    return false;
                }
            }
            return true;
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
                    tctx.cancelDone(); // the guard saw every worker dead
                    kernel.emit(new Event.Step("io_wq_put_and_exit: workers gone"));
                    return true;
                }
            }
            return false;
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
        protected final IoRingCtx ctx;
        private int fixed;

        public RingExitWork(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_ring_exit_work";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return pc != 1 || ctx.refs() == 0 || (ctx.deferTaskrun && !ctx.workLlist.llist_empty());
        }

        @Override
        public String waitsFor() {
            return "the references of " + ctx.name + " to drop (ctx->refs " + ctx.refs() + "; wait_for_completion_timeout)";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    if (ctx.deferTaskrun) {
                        io_move_task_work_from_local(ctx, cx);
                    }
                    kernel.emit(new Event.Step("io_ring_exit_work: io_uring_try_cancel_requests"));
                    current.call(new Kworker.Flush(ctx.fallbackWork()));
                    pc = 1;
                }
                case 1 -> {
                    if (ctx.refs() != 0) {
                        kernel.mark("io_ring_exit_work retry");
                        kernel.emit(new Event.Step("io_ring_exit_work: wait_for_completion_timeout(HZ/20) retry"));
                        pc = 0;
                        return false;
                    }
                    pc = 2;
                }
                default -> {
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
