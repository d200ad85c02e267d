package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.SignalStruct;

/**
 * At quiescence every file whose openers are all gone has been released (__fput ran), and every
 * detached mount has been cleaned up: a reference that nothing will ever drop is a leak.
 */
public final class NoReferenceLeak extends KernelProperty {
    public NoReferenceLeak() {
        super("NoReferenceLeak", "reference-leak", "at quiescence every file of an exited process is released and every detached mount torn down");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        if (moment != Moment.QUIESCENT) {
            return true;
        }
        for (File f : k.files) {
            boolean openersGone = true;
            for (SignalStruct g : f.openers()) {
                openersGone &= g.live() == 0;
            }
            if (openersGone && !f.released()) {
                return false;
            }
        }
        for (VfsMount m : k.mounts) {
            if (!m.attached() && !m.cleanedUp()) {
                return false;
            }
        }
        return k.fileTable.delayedFputList.llist_empty() && k.namespace.delayedMntputList.llist_empty();
    }
}
