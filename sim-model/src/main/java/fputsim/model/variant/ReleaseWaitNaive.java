package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.explore.Verdict;
import fputsim.model.Expect;
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
 * Its io_ring_ctx_free puts the registered files in the task, as the 2020 code did.
 * The wait is for the requests, as in 2020, when a freed request dropped its ring reference at
 * once: on 6.18 a freed request keeps it in the ring's request cache (io_req_add_to_cache), so
 * the wait ends when every reference left is a cached request's, and frees the cache then
 * (io_req_caches_free). Waiting for ctx->refs alone would never end: nothing else frees the cache
 * before io_ring_exit_work, which this design does not have.
 * Expected verdicts: the {@link Expect} declarations below, each with its reason (checked by
 * ExpectedVerdictsTest against the explorer).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "sqpoll=1", property = "exit-hangs", verdict = Verdict.Never,
        reason = "the SQPOLL thread, not the killed task, owns the requests: nothing is queued behind the task's release")
@Expect(scenario = "03", config = "sqpoll=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "the SQPOLL thread owns the requests and is in fio's thread group: it puts their files in its own exit, before wait() can reap")
@Expect(scenario = "03", config = "engine=psync", property = "exit-hangs", verdict = Verdict.Never,
        reason = "psync has no ring: there is no release to wait in")
@Expect(scenario = "03", property = "exit-hangs", verdict = Verdict.Sometimes,
        reason = "the release waits inside task_work for completions queued behind it as the task's own task_work or local work: the exit deadlocks unless the task ran every completion itself first (kernel-notes.md section 14)")
@Expect(scenario = "03", config = "defer=0", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "without DEFER_TASKRUN a completion can miss the task's task_work and reach the fallback kworker, whose final fput goes through delayed_fput")
@Expect(scenario = "05", property = "exit-hangs", verdict = Verdict.Sometimes,
        reason = "as in 03: the killed task's release waits for completions queued behind it")
@Expect(scenario = "06", property = "exit-hangs", verdict = Verdict.Sometimes,
        reason = "the second process's release, when the shell kills it, waits for completions queued behind it")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "exit-hangs", verdict = Verdict.Sometimes,
        reason = "as in 03: the killed task's release waits for completions queued behind it")
@Expect(scenario = "09", config = "defer=0", property = "exit-hangs", verdict = Verdict.Sometimes,
        reason = "a plain ring: a read whose completion reached the task before close(2) returned is run by the return to user"
                + " mode (exit_to_user_mode_loop -> task_work_run@v6.18.32) before the release waits: that schedule does not hang")
@Expect(scenario = "09", property = "exit-hangs", verdict = Verdict.Always,
        reason = "close(2) runs the release as task_work, and it waits for reads whose completions are queued behind it: every schedule hangs")
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
                        return pc == 0 || ctx.refs() == ctx.cachedRequests();
                    }

                    @Override
                    public String waitsFor() {
                        return "every request of " + ctx.name + " to be freed (ctx->refs " + ctx.refs() + ", "
                                + ctx.cachedRequests() + " of them cached), inside the task_work that runs the release";
                    }

                    @Override
                    public boolean step(TaskStruct t, StepContext cx) {
                        if (pc == 0) {
                            io_ring_ctx_kill_refs(ctx);
                            pc = 1;
                            return false;
                        }
                        if (pc == 1) {
                            ctx.io_req_caches_free(); // every reference left is a cached request's
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
