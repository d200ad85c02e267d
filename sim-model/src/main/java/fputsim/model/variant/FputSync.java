package fputsim.model.variant;

import fputsim.explore.StepContext;
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
 * What the model says: EBUSY stays Sometimes. The kworkers themselves are still asynchronous
 * to wait(): a request not yet freed when wait() returns still pins the mount.
 */
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
