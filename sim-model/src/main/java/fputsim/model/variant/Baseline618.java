package fputsim.model.variant;

import fputsim.explore.Verdict;
import fputsim.model.Expect;
import fputsim.model.Variant;

/**
 * Linux 6.18 as released: the model's defaults. An exiting task's io_uring task_work goes to the
 * fallback worker (io_fallback_tw(tctx, true) in tctx_task_work_run, since 6.2); DEFER_TASKRUN
 * completions wait on the ring's local list until io_ring_exit_work moves them to the fallback;
 * a final fput from a kworker goes through delayed_fput.
 * The project brief expected 6.18 to run the exiting task's io_uring task_work inline with a
 * cancel flag ("io_uring: unify task_work cancelation checks"); the source says that commit
 * (878afd488384) is in 6.19, so this variant follows 6.18's punt (see docs/kernel-notes.md).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "sqpoll=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "the SQPOLL thread owns the requests and is in fio's thread group: it puts their files in its own exit, before wait() can reap (kernel-notes.md section 9)")
@Expect(scenario = "03", config = "engine=psync", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "psync has no async request: the pread's file reference is the task's own, put before wait() returns")
@Expect(scenario = "03", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the killed task's completions go to the fallback kworker (the PF_EXITING punt, or io_ring_exit_work for local work), whose final fput goes through delayed_fput after wait() may have returned")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so its release never runs: fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "mount-busy-after-umount", verdict = Verdict.Sometimes,
        reason = "the lazily detached superblock keeps the device claim until the last request file's delayed_fput; fsck's exclusive open is refused meanwhile (scenario 07)")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the fixed table holds the data file until io_ring_exit_work's io_ring_ctx_free puts it from a kworker (delayed_fput), possibly after wait() returned (measured C2 14/20)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "closing the ring hands the in-flight reads to the fallback kworker; their puts come through delayed_fput, possibly after wait() returned (measured D1 19/20, D2 17/20)")
public class Baseline618 extends Variant {
    @Override
    public String name() {
        return "baseline-6.18";
    }

    @Override
    public String summary() {
        return "Linux 6.18: exiting task punts io_uring task_work to fallback; kworker fputs go through delayed_fput";
    }
}
