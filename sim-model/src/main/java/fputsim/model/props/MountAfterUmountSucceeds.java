package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

/**
 * After umount of a mount point returned 0, mounting its device again, or opening it
 * exclusively as mkfs and fsck do, must not fail with EBUSY: the superblock should have released
 * the device claim. A lazy umount returns 0 while files still pin the superblock, so an exclusive
 * open can break this; a same-type mount reuses the pinned superblock (grab_super) and cannot.
 */
public final class MountAfterUmountSucceeds extends KernelProperty {
    public MountAfterUmountSucceeds() {
        super("MountAfterUmountSucceeds", "mount-busy-after-umount",
                "after umount returned 0, a new mount of the device must not get EBUSY");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        if (moment != Moment.AFTER_STEP) {
            return true;
        }
        Event last = lastEvent(k);
        String target;
        if (last instanceof Event.MountReturned m && m.errno() == -Errno.EBUSY) {
            target = m.target();
        } else if (last instanceof Event.ExclOpenReturned o && o.errno() == -Errno.EBUSY) {
            target = null; // the device of the scenarios' one mount: any successful umount counts
        } else {
            return true;
        }
        for (TraceEntry e : k.trace) {
            if (e.event() instanceof Event.UmountReturned u && u.errno() == 0 && (target == null || u.target().equals(target))) {
                return false;
            }
        }
        return true;
    }
}
