package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.explore.Verdict;
import fputsim.model.Expect;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUring;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.trace.Event;

/**
 * exit-cancel-2026: Jens Axboe's io_uring-exit-cancel.4 (merged into his for-next 2026-09-09):
 * "io_uring/cancel: cancel and wait for all requests on process exit", "io_uring: drop registered
 * files and buffers at release time", "io_uring/io-wq: put the request file before posting a
 * completion" (and the rest of the series). At exit, io_uring_cancel_generic counts every inflight
 * request, not only tracked ones, and waits for all of them, running the task's own task_work and
 * its DEFER_TASKRUN local work while it waits (it runs before PF_EXITING, so the requests complete
 * in the task and their fputs are the task's own task_work, run in exit_task_work); the ring's
 * registered files are put by the release, in the task.
 * Leaves out: uring_cmd and zero-copy notification counting (no such requests here); the io-wq
 * file-put ordering (io-wq completions go to the task here, which frees them).
 * Expected verdicts: the {@link Expect} declarations below, each with its reason (checked by
 * ExpectedVerdictsTest against the explorer).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "09", config = "defer=0", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "without DEFER_TASKRUN the reads' completions are the task's own task_work, which its exit runs: no put reaches a kworker (explorer)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring was closed before exit, so the cancel-and-wait at exit has nothing to wait for: the release hands the in-flight reads to the fallback kworker (delayed_fput)")
public class ExitCancel2026 extends Baseline618 {
    @Override
    public String name() {
        return "exit-cancel-2026";
    }

    @Override
    public String summary() {
        return "2026 series: exit cancels and waits for all requests; registered files dropped at release";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new IoUring(k) {
            @Override
            public Frame io_uring_files_cancel(TaskStruct current) {
                IoUringTask tctx = current.ioUring();
                return new CancelGeneric(tctx) {
                    @Override
                    public boolean enabled(TaskStruct t) {
                        return pc != 0 || tctx.inflight() == 0 || TaskWork.task_work_pending(t) || localWork(t, tctx) != null;
                    }

                    @Override
                    public boolean step(TaskStruct t, StepContext cx) {
                        if (pc != 0) {
                            return super.step(t, cx);
                        }
                        if (tctx.inflight() == 0) {
                            kernel.emit(new Event.Step("io_uring_cancel_generic: all requests gone"));
                            return super.step(t, cx);
                        }
                        IoRingCtx local = localWork(t, tctx);
                        if (local != null) {
                            t.call(new RunLocalWork(local)); // io_run_local_work: we are the submitter
                        } else {
                            t.call(kernel.taskWork.task_work_run()); // io_run_task_work
                        }
                        return false;
                    }
                };
            }

            @Override
            public Frame io_uring_release(TaskStruct current, File ringFile, IoRingCtx ctx) {
                Frame base = super.io_uring_release(current, ringFile, ctx);
                return new Frame() {
                    @Override
                    public String function() {
                        return "io_uring_release";
                    }

                    @Override
                    public boolean step(TaskStruct t, StepContext cx) {
                        if (pc < ctx.fixedFiles().size()) {
                            File f = ctx.fixedFiles().get(pc++);
                            kernel.emit(new Event.Step("io_uring_release: drop registered file " + f.name));
                            kernel.fileTable.fput(t, f, "fixed table " + ctx.name, cx);
                            return false;
                        }
                        ctx.clearFixedFiles();
                        t.call(base);
                        return true;
                    }
                };
            }
        };
    }

    /** Reusable: a ring whose DEFER_TASKRUN local work this task may run (it is the submitter) and which has some, or null. */
    public static IoRingCtx localWork(TaskStruct t, IoUringTask tctx) {
        for (IoRingCtx ctx : tctx.rings()) {
            if (ctx.deferTaskrun && ctx.submitterTask() == t && !ctx.workLlist.llist_empty()) {
                return ctx;
            }
        }
        return null;
    }

    /** __io_run_local_work(): take the ring's local work, oldest first, and complete each (cancelled). */
    public static final class RunLocalWork extends Frame {
        private final IoRingCtx ctx;
        private Llist.Node<IoKiocb> chain;
        private boolean taken;

        /** Reusable: the submitter runs {@code ctx}'s DEFER_TASKRUN local work, oldest first, each request cancelled. */
        public RunLocalWork(IoRingCtx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "io_run_local_work";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (!taken) {
                taken = true;
                chain = Llist.llist_reverse_order(ctx.workLlist.llist_del_all(cx));
                return chain == null;
            }
            IoKiocb req = chain.item;
            chain = chain.next;
            t.kernel.ioUring.completeCancelled(t, req, cx);
            return chain == null;
        }
    }
}
