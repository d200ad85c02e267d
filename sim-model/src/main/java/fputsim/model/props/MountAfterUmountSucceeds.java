package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

/**
 * After umount of a mount point returned 0, mounting its device again (or opening it
 * exclusively, as mkfs does) must not fail with EBUSY: the superblock should have released the
 * device claim. A lazy umount returns 0 while files still pin the superblock, so it can break this.
 */
public final class MountAfterUmountSucceeds extends KernelProperty {
    public MountAfterUmountSucceeds() {
        super("MountAfterUmountSucceeds", "mount-busy-after-umount",
                "after umount returned 0, a new mount of the device must not get EBUSY");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        if (moment != Moment.AFTER_STEP || !(lastEvent(k) instanceof Event.MountReturned m) || m.errno() != -16) {
            return true;
        }
        for (TraceEntry e : k.trace) {
            if (e.event() instanceof Event.UmountReturned u && u.errno() == 0 && u.target().equals(m.target())) {
                return false;
            }
        }
        return true;
    }
}
