package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;

/**
 * release-wait-naive: io_uring_release waits, inside the task_work item that runs it (____fput),
 * until every request of the ring is freed, without running io_uring's own pending items and
 * without the exit work: what io_ring_ctx_wait_and_kill did before 85faa7b8346e "io_uring: punt
 * final io_ring_ctx wait-and-free to workqueue" (2020), and the trap Jens Axboe described in 2023
 * (task_work_run takes the whole list; a waiting item blocks the items behind it).
 * What the model says: ExitTerminates is violated. A completion queued as the task's own
 * task_work (or as DEFER_TASKRUN local work, which only the submitter may run) can never run while
 * the task waits in the release: the exit deadlocks, and wait() in the shell never returns,
 * unless the killed task ran every completion itself before its exit (io_cqring_wait runs its
 * pending local work, docs/kernel-notes.md §14). Its io_ring_ctx_free puts the registered files
 * in the task, as the 2020 code did.
 */
public class ReleaseWaitNaive extends Baseline618 {
    @Override
    public String name() {
        return "release-wait-naive";
    }

    @Override
    public String summary() {
        return "io_uring_release waits inside task_work for every request (no exit work): self-deadlock";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new IoUring(k) {
            @Override
            public Frame io_uring_release(TaskStruct current, File ringFile, IoRingCtx ctx) {
                return new Frame() {
                    @Override
                    public String function() {
                        return "io_ring_ctx_wait_and_kill";
                    }

                    @Override
                    public boolean enabled(TaskStruct t) {
                        return pc == 0 || ctx.refs() == 0;
                    }

                    @Override
                    public String waitsFor() {
                        return "every request of " + ctx.name + " to be freed (ctx->refs " + ctx.refs()
                                + "), inside the task_work that runs the release";
                    }

                    @Override
                    public boolean step(TaskStruct t, StepContext cx) {
                        if (pc == 0) {
                            io_ring_ctx_kill_refs(ctx);
                            pc = 1;
                            return false;
                        }
                        if (pc - 1 < ctx.fixedFiles().size()) { // io_ring_ctx_free: io_sqe_files_unregister, in the task
                            File f = ctx.fixedFiles().get(pc - 1);
                            pc++;
                            kernel.emit(new Event.Step("io_ring_ctx_free: io_sqe_files_unregister"));
                            kernel.fileTable.fput(t, f, "fixed table " + ctx.name, cx);
                            return false;
                        }
                        if (ctx.sqpoll) {
                            ctx.sqThreadStop(); // io_ring_ctx_free: io_sq_thread_finish
                        }
                        ctx.io_ring_ctx_free();
                        kernel.emit(new Event.Step("io_ring_ctx_free(" + ctx.name + ")"));
                        return true;
                    }
                };
            }
        };
    }
}
