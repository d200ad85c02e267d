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
 * Leaves out: the interruptible wait (a fatal signal is pending at exit; modelled as a wait that
 * completes) and the private ring refcount rework (same semantics here).
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

        /** What the release waits for: the exit work has freed the ring. */
        protected boolean exitComplete(IoRingCtx ctx) {
            return ctx.freed();
        }

        @Override
        public Frame io_uring_release(TaskStruct current, File ringFile, IoRingCtx ctx) {
            IoUringTask tctx = (IoUringTask) current.ioUring();
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
                            io_ring_ctx_kill_refs(ctx);
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
