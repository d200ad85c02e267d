package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUring;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;

/**
 * exit-cancel-2023: Jens Axboe's io_uring-exit-cancel v1 (2023-08-11; for-6.6/io_uring commits
 * 7aacbc59216a, 12439eddb5db, e5cb83930b72, dropped on 2023-08-16): "io_uring: wait for
 * cancelations on final ring put". io_uring_release queues the exit work as before, then waits
 * until io_ring_exit_work has seen every request freed, and while it waits moves the task's own
 * pending io_uring task_work to the fallback worker (io_fallback_tw), so that nothing it waits for
 * sits behind it in the task's task_work list.
 * The release's wait, as the patch writes it (io_uring_release, v1 2023-08-11
 * &lt;20230811171242.222550-4-axboe@kernel.dk&gt;; v3 2025-04-09 &lt;20250409134057.198671-5-axboe@kernel.dk&gt;
 * the same): {@code do { if (current->io_uring) io_fallback_tw(current->io_uring, false); } while
 * (wait_for_completion_interruptible(&exit_comp));}. Each wait is interruptible, but a signal or
 * TIF_NOTIFY_SIGNAL only sends it round the loop (moving the task's io_uring task_work to the
 * fallback) and back into the wait: no signal ends it, so it is modelled as a wait for the
 * completion that moves the task's own io_uring task_work to the fallback whenever there is some.
 * io_ring_exit_work completes exit_comp right after its refs wait
 * ({@code if (ctx->exit_comp) complete(ctx->exit_comp);}), before the tctx_list walk that queues
 * io_tctx_exit_cb on the ring's tasks and before io_ring_ctx_free: the release does not wait for
 * the walk (which may wait for the releasing task itself, a clean exit's close(2)) nor for the
 * registered files' put.
 * Leaves out: the private ring refcount rework (same semantics here).
 * What the model says: the exit no longer deadlocks, but EBUSY stays Sometimes: the requests are
 * completed by the fallback kworker, whose final fput goes through delayed_fput, which nothing
 * waits for — the brief's suspicion, confirmed.
 */
public class ExitCancel2023 extends Baseline618 {
    @Override
    public String name() {
        return "exit-cancel-2023";
    }

    @Override
    public String summary() {
        return "2023 series: release waits for cancelations, moving the task's io_uring task_work to fallback";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new Release2023(k);
    }

    /** io_uring with the 2023 release; the 2024 variant builds on it. */
    /**
     * Reusable: io_uring whose ring release waits (2023's "wait for cancelations on final ring
     * put") until {@link #exitComplete} says the exit work is done, moving the task's own pending
     * io_uring task_work to the fallback worker while it waits. Extend it and override
     * {@code exitComplete} to wait for more.
     */
    public static class Release2023 extends IoUring {
        public Release2023(Kernel k) {
            super(k);
        }

        /** What the release waits for: exit_comp, completed by the exit work after its refs wait. */
        protected boolean exitComplete(IoRingCtx ctx) {
            return ctx.exit_comp_done();
        }

        @Override
        protected Frame exitWork(IoRingCtx ctx) {
            return new RingExitWork(ctx) {
                @Override
                protected Frame afterRefsWait(TaskStruct current, StepContext cx) {
                    ctx.complete_exit_comp(); // io_ring_exit_work: if (ctx->exit_comp) complete(ctx->exit_comp)
                    kernel.emit(new Event.Step("io_ring_exit_work: complete(exit_comp)"));
                    return null;
                }
            };
        }

        @Override
        public Frame io_uring_release(TaskStruct current, File ringFile, IoRingCtx ctx) {
            IoUringTask tctx = current.ioUring();
            return new Frame() {
                @Override
                public String function() {
                    return "io_uring_release";
                }

                @Override
                public boolean enabled(TaskStruct t) {
                    return pc < 2 || exitComplete(ctx) || (tctx != null && !tctx.taskList.llist_empty());
                }

                @Override
                public String waitsFor() {
                    return "io_ring_exit_work of " + ctx.name + " to see every request freed";
                }

                @Override
                public boolean step(TaskStruct t, StepContext cx) {
                    switch (pc) {
                        case 0 -> {
                            ctx.percpu_ref_kill();
                            kernel.emit(new Event.RingReleased(ctx.name));
                            pc = 1;
                        }
                        case 1 -> {
                            Kworker.queue_work(kernel, ctx.exitWork(), cx);
                            pc = 2;
                        }
                        default -> {
                            if (tctx != null) {
                                if (!tctx.taskList.llist_empty()) {
                                    io_fallback_tw(t, tctx, false, cx); // our own items must not wait behind us
                                    return false;
                                }
                            }
                            kernel.emit(new Event.Step("io_uring_release: cancelations done"));
                            return true;
                        }
                    }
                    return false;
                }
            };
        }
    }
}
