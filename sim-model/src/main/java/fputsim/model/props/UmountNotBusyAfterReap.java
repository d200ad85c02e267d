package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

/**
 * Once every process that held a reference to a file on the mount has been reaped, umount must
 * not return EBUSY: do_umount's busy check counts references, and a reaped process should hold
 * none. Checked at the step where umount returns, against the reaps (wait4 returns) before it.
 */
public final class UmountNotBusyAfterReap extends KernelProperty {
    public UmountNotBusyAfterReap() {
        super("UmountNotBusyAfterReap", "umount-busy-after-reap",
                "once every opener of a file on the mount has been reaped, umount must not return EBUSY");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        if (moment != Moment.AFTER_STEP || !(lastEvent(k) instanceof Event.UmountReturned u) || u.errno() != -Errno.EBUSY) {
            return true;
        }
        for (File f : k.files) {
            if (f.mnt == null || !f.mnt.target.equals(u.target())) {
                continue;
            }
            for (SignalStruct g : f.openers()) {
                if (!reapedBefore(k, g.tgid)) {
                    return true; // a live opener may legitimately keep the mount busy
                }
            }
        }
        return false;
    }

    private static boolean reapedBefore(Kernel k, int tgid) {
        for (TraceEntry e : k.trace) {
            if (e.event() instanceof Event.WaitReturned w && w.pid() == tgid) {
                return true;
            }
        }
        return false;
    }
}
