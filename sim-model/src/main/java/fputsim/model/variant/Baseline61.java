package fputsim.model.variant;

import fputsim.explore.Verdict;
import fputsim.model.Baseline;
import fputsim.model.Expect;

/**
 * Linux 6.1. Three differences from 6.18 on these paths, all from the source
 * (docs/kernel-notes.md, questions 1 and 2, and §13), kept as {@link Baseline}'s rules so that any patch
 * variant applies to 6.1 too ({@code Variant.on(Baseline.V6_1)}, {@code --variant NAME@6.1}):
 * <ul>
 * <li>tctx_task_work has no PF_EXITING punt (it came in 6.2): the exiting task runs its io_uring
 * task_work inline in exit_task_work, each handler cancelling because the task is exiting.</li>
 * <li>io_req_local_work_add (6.1-rc6, 6.1.192), when it makes the ring's work_llist non-empty
 * while the submitter is in io_uring_cancel_generic (tctx->in_idle), moves the local work at once
 * (6.4 removed that).</li>
 * <li>io_move_task_work_from_local re-queues local work as the submitter's own task_work
 * (__io_req_task_work_add(req, false)); the fallback worker only when task_work_add fails.</li>
 * </ul>
 * The project brief described 6.1 as "PF_EXITING punts to fallback"; that is 6.2 to 6.18.
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "sqpoll=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "the SQPOLL thread owns the requests and is in fio's thread group: it puts their files in its own exit, before wait() can reap (kernel-notes.md section 9)")
@Expect(scenario = "03", config = "engine=psync", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "psync has no async request: the pread's file reference is the task's own, put before wait() returns")
@Expect(scenario = "03", config = "defer=0,iowq=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "6.1 has no PF_EXITING punt: the io-wq request's completion is plain task_work that the exiting task runs itself, so no put reaches a kworker (explorer)")
@Expect(scenario = "03", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the killed task's completions that miss its task_work (-ESRCH after exit_task_work, or local work moved at exit) go to the fallback kworker, whose final fput goes through delayed_fput after wait() may have returned")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so its release never runs: fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "mount-busy-after-umount", verdict = Verdict.Sometimes,
        reason = "the lazily detached superblock keeps the device claim until the last request file's delayed_fput; fsck's exclusive open is refused meanwhile (scenario 07)")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the fixed table holds the data file until io_ring_exit_work's io_ring_ctx_free puts it from a kworker (delayed_fput), possibly after wait() returned (measured C2 14/20)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "closing the ring hands the in-flight reads to the fallback kworker; their puts come through delayed_fput, possibly after wait() returned (measured D1 19/20, D2 17/20)")
public class Baseline61 extends Baseline618 {
    @Override
    public String name() {
        return "baseline-6.1";
    }

    @Override
    public String summary() {
        return "Linux 6.1: exiting task runs io_uring task_work inline; DEFER_TASKRUN local work of an exiting (in_idle) task re-queued as its task_work";
    }

    @Override
    public Baseline baseline() {
        return Baseline.V6_1;
    }
}
