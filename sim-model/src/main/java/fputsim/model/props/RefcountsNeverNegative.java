package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoRingCtx;

/** f_count, mnt_count, s_active and ring references never go below zero (a put without a get). */
public final class RefcountsNeverNegative extends KernelProperty {
    public RefcountsNeverNegative() {
        super("RefcountsNeverNegative", "refcount-negative", "no reference count goes below zero");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        for (File f : k.files) {
            if (f.file_count() < 0) {
                return false;
            }
        }
        for (VfsMount m : k.mounts) {
            if (m.mnt_get_count() < 0 || m.sb.s_active() < 0) {
                return false;
            }
        }
        for (IoRingCtx r : k.rings) {
            if (r.refs() < 0) {
                return false;
            }
        }
        return true;
    }
}
