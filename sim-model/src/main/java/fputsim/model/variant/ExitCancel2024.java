package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.explore.Verdict;
import fputsim.model.Expect;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;

/**
 * exit-cancel-2024: the 2024 v2 / 2025 v3 "Cancel and wait for all requests on exit" series
 * (branch io_uring-exit-cancel, 2024-06-04; io_uring-exit-cancel.2, 2025-03/04), on top of the
 * 2023 release wait: "fs: gate final fput task_work on PF_NO_TASKWORK" and "io_uring: mark exit
 * side kworkers as task_work capable" (io_kworker_tw_start/io_kworker_tw_end). The fallback and
 * exit kworkers may queue task_work on themselves while they run io_uring work, so their final
 * fputs run at the end of that work instead of going to delayed_fput; the exit work completes
 * exit_comp (and the release's wait ends) right after its refs wait, the fallback work and its
 * io_kworker_tw_end, before the tctx_list walk and io_ring_ctx_free (see ExitCancel2023 for the
 * release's wait, which no signal ends).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the release's wait ends before io_ring_ctx_free puts the registered file from the exit kworker, through delayed_fput")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so the release, and its wait, never runs for fio's requests")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the release's wait ends before io_ring_ctx_free puts the registered files from the exit kworker, through delayed_fput")
public class ExitCancel2024 extends Baseline618 {
    @Override
    public String name() {
        return "exit-cancel-2024";
    }

    @Override
    public String summary() {
        return "2024/2025 series: 2023's release wait plus task_work-capable exit kworkers (no delayed_fput)";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new ExitCancel2023.Release2023(k) {
            @Override
            protected Frame fallbackWork(IoRingCtx ctx) {
                return new KworkerTaskWork(kernel, super.fallbackWork(ctx), null);
            }

            /**
             * io_ring_exit_work as the series has it (v2 2024-06, v3 2025-04-09
             * &lt;20250409134057.198671-5-axboe@kernel.dk&gt;): io_kworker_tw_start() first; right after the
             * refs wait io_kworker_tw_end() and then complete(ctx->exit_comp); then, as on the
             * baseline, the tctx_list walk and io_ring_ctx_free, whose registered-file puts come after
             * tw_end (PF_NO_TASKWORK again: delayed_fput).
             */
            @Override
            protected Frame exitWork(IoRingCtx ctx) {
                return new KworkerTaskWork(kernel, new RingExitWork(ctx) {
                    @Override
                    protected Frame afterRefsWait(TaskStruct current, StepContext cx) {
                        return new TwEndThenExitComp(kernel, ctx);
                    }
                }, null);
            }
        };
    }

    /**
     * The exit work right after its refs wait: wait for the ring's fallback work (its final fputs
     * may still be its own task_work after the last request reference dropped), io_kworker_tw_end()
     * (run the task_work queued on this kworker, then PF_NO_TASKWORK), complete(ctx->exit_comp).
     */
    static final class TwEndThenExitComp extends Frame {
        private final Kernel kernel;
        private final IoRingCtx ctx;

        TwEndThenExitComp(Kernel kernel, IoRingCtx ctx) {
            this.kernel = kernel;
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_kworker_tw_end";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    pc = 1;
                    t.call(new Kworker.Flush(ctx.fallbackWork()));
                }
                case 1 -> {
                    pc = 2;
                    t.call(kernel.taskWork.task_work_run());
                }
                default -> {
                    t.setKthreadTaskWork(false);
                    ctx.setExitTaskWorkDone();
                    ctx.complete_exit_comp();
                    kernel.emit(new fputsim.model.trace.Event.Step("io_ring_exit_work: complete(exit_comp)"));
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * io_kworker_tw_start(); the work; io_kworker_tw_end(): run the task_work queued meanwhile.
     * For the exit work, first wait for the ring's fallback work (it may still be running its own
     * task_work after the last request reference dropped), then signal the release.
     */
    public static final class KworkerTaskWork extends Frame {
        private final Kernel kernel;
        private final Frame work;
        private final IoRingCtx exitOf;

        /**
         * Reusable: runs {@code work} on a kworker that may queue task_work on itself meanwhile
         * (io_kworker_tw_start/end), then runs that task_work; with {@code exitOf}, first waits
         * for the ring's fallback work and then marks the ring's exit task_work done.
         */
        public KworkerTaskWork(Kernel kernel, Frame work, IoRingCtx exitOf) {
            this.kernel = kernel;
            this.work = work;
            this.exitOf = exitOf;
        }

        @Override
        public String function() {
            return work.function();
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    t.setKthreadTaskWork(true); // io_kworker_tw_start
                    t.call(work);
                    pc = 1;
                }
                case 1 -> {
                    if (exitOf != null) {
                        t.call(new Kworker.Flush(exitOf.fallbackWork()));
                    }
                    pc = 2;
                }
                case 2 -> {
                    t.call(kernel.taskWork.task_work_run()); // io_kworker_tw_end
                    pc = 3;
                }
                default -> {
                    t.setKthreadTaskWork(false);
                    if (exitOf != null) {
                        exitOf.setExitTaskWorkDone();
                    }
                    return true;
                }
            }
            return false;
        }
    }
}
