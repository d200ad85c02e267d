package fputsim.model.variant;

import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;

/**
 * umount-flush-delayed-fput: when do_umount finds the mount busy, it runs flush_delayed_fput()
 * and checks again (Jens Axboe's June 2023 experiment in the bcachefs thread, which he called
 * "iffy"; Christian Brauner NAKed changing umount).
 * What the model says: EBUSY stays Sometimes: the flush only helps for references already queued
 * on delayed_fput_list; requests still waiting for the fallback or exit kworker are not there yet.
 */
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
