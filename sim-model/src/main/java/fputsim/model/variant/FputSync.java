package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.explore.Verdict;
import fputsim.model.Expect;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.TaskStruct;

/**
 * fput-sync: io_uring's request free drops the file with __fput_sync, so a final put from the
 * fallback or exit kworker releases the file there instead of through delayed_fput. The idea of
 * the 2023 "make the fput synchronous" patches that Linus called hiding the problem
 * (Message-ID CAHk-=wj8RuUosugVZk+iqCAq7x6rs=7C-9sUXcO2heu4dCuOVw@mail.gmail.com); the exact
 * patch was not found (kernel-paths.md section 9).
 * Expected verdicts: the {@link Expect} declarations below, each with its reason (checked by
 * ExpectedVerdictsTest against the explorer).
 */
@Expect(scenario = "02", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "a kworker's final fput goes through delayed_fput, which nothing orders with wait() (no io_uring; no patch here changes it)")
@Expect(scenario = "03", config = "sqpoll=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "the SQPOLL thread owns the requests and is in fio's thread group: it puts their files in its own exit, before wait() can reap (kernel-notes.md section 9)")
@Expect(scenario = "03", config = "engine=psync", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "psync has no async request: the pread's file reference is the task's own, put before wait() returns")
@Expect(scenario = "03", config = "defer=0,iowq=1", property = "umount-busy-after-reap", verdict = Verdict.Never,
        reason = "explorer: with the one request in io-wq and plain task_work, the synchronous put in the kworker always comes before wait() returns")
@Expect(scenario = "03", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the fallback kworker's final put is synchronous, but the kworker itself is not ordered with wait(): a request freed after wait() returned still pins the mount")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so its release never runs: fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "mount-busy-after-umount", verdict = Verdict.Sometimes,
        reason = "the lazily detached superblock keeps the device claim until the last request file's delayed_fput; fsck's exclusive open is refused meanwhile (scenario 07)")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the fixed table holds the data file until io_ring_exit_work's io_ring_ctx_free puts it from a kworker (delayed_fput), possibly after wait() returned (measured C2 14/20)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "closing the ring hands the in-flight reads to the fallback kworker; their puts come through delayed_fput, possibly after wait() returned (measured D1 19/20, D2 17/20)")
public class FputSync extends Baseline618 {
    @Override
    public String name() {
        return "fput-sync";
    }

    @Override
    public String summary() {
        return "io_uring frees requests with __fput_sync (final fput in the kworker, not delayed_fput)";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new IoUring(k) {
            @Override
            protected void io_put_file(TaskStruct current, IoKiocb req, StepContext cx) {
                if (!req.fixedFile) {
                    kernel.fileTable.__fput_sync(current, req.file, req.holder(), cx);
                }
            }
        };
    }
}
