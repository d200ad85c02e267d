package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.explore.Verdict;
import fputsim.model.Expect;
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
 * Expected verdicts: the {@link Expect} declarations below, each with its reason (checked by
 * ExpectedVerdictsTest against the explorer).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "sqpoll=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "the SQPOLL thread owns the requests and is in fio's thread group: it puts their files in its own exit, before wait() can reap (kernel-notes.md section 9)")
@Expect(scenario = "03", config = "engine=psync", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "psync has no async request: the pread's file reference is the task's own, put before wait() returns")
@Expect(scenario = "03", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the release waits until the requests are freed, but the fallback kworker frees them and its final fput still goes through delayed_fput, which nothing waits for")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so its release never runs: fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "mount-busy-after-umount", verdict = Verdict.Sometimes,
        reason = "the lazily detached superblock keeps the device claim until the last request file's delayed_fput; fsck's exclusive open is refused meanwhile (scenario 07)")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the release's wait ends at complete(exit_comp), before io_ring_ctx_free puts the registered files from the kworker (delayed_fput)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the release waits until the reads are freed, but the fallback kworker's fputs still go through delayed_fput")
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
