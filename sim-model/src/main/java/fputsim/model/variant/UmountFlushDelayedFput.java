package fputsim.model.variant;

import fputsim.explore.Verdict;
import fputsim.model.Errno;
import fputsim.model.Expect;
import fputsim.model.Kernel;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;

/**
 * umount-flush-delayed-fput: when do_umount finds the mount busy, it runs flush_delayed_fput()
 * and checks again (Jens Axboe's June 2023 experiment in the bcachefs thread, which he called
 * "iffy"; Christian Brauner NAKed changing umount).
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
        reason = "explorer: with the one request in io-wq and plain task_work, its file is on delayed_fput_list by the time umount runs, and the flush releases it")
@Expect(scenario = "03", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the flush only helps for references already on delayed_fput_list; requests still waiting for the fallback or exit kworker are not there yet")
@Expect(scenario = "06", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the ring stays open in the second process, so its release never runs: fio's requests complete through the fallback kworker and delayed_fput")
@Expect(scenario = "07", property = "mount-busy-after-umount", verdict = Verdict.Sometimes,
        reason = "the lazily detached superblock keeps the device claim until the last request file's delayed_fput; fsck's exclusive open is refused meanwhile (scenario 07)")
@Expect(scenario = "08", config = "fixed=1", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "the fixed table holds the data file until io_ring_exit_work's io_ring_ctx_free puts it from a kworker (delayed_fput), possibly after wait() returned (measured C2 14/20)")
@Expect(scenario = "09", property = "umount-busy-after-reap", verdict = Verdict.Sometimes,
        reason = "closing the ring hands the in-flight reads to the fallback kworker; their puts come through delayed_fput, possibly after wait() returned (measured D1 19/20, D2 17/20)")
public class UmountFlushDelayedFput extends Baseline618 {
    @Override
    public String name() {
        return "umount-flush-delayed-fput";
    }

    @Override
    public String summary() {
        return "umount runs flush_delayed_fput() when busy and checks again";
    }

    @Override
    public Namespace namespace(Kernel k) {
        return new Namespace(k) {
            @Override
            public Frame umount(VfsMount m, int flags) {
                return new Umount(m, flags) {
                    private boolean flushed;

                    @Override
                    protected Frame afterBusyCheck(TaskStruct current, int result) {
                        if (result != -Errno.EBUSY || flushed) {
                            return null;
                        }
                        flushed = true;
                        kernel.mark("umount flush_delayed_fput");
                        return kernel.fileTable.new FlushDelayedFput();
                    }
                };
            }
        };
    }
}
