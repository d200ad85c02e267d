/*
 * Models: a deliberately wrong fs/namespace.c do_umount (Linux 6.18): the busy check and the detach are two
 *   steps, as if the smp_mb() of 65781e19dcfc and the mount_lock/legitimize_mnt handshake were missing.
 * Leaves out: everything MntCount leaves out.
 * Checked by: fputsim.tests.lincheck.BrokenMntCountLincheckTest (Lincheck model checking must fail: a
 *   lookup that lands between the check and the detach gets a reference, and umount still returns 0).
 */
package fputsim.atomics.broken;

import fputsim.atomics.MntCount;

/** Negative control: non-atomic check-then-detach in do_umount. */
public class BrokenMntCount extends MntCount {

    @Override
    public int doUmount() {
        long s = state.get();
        if ((s & DETACHED) != 0) {
            return -EINVAL;
        }
        if ((s & COUNT_MASK) > 2) {
            return -EBUSY;
        }
        /* window: mntgetByLookup() can still succeed here; the new reference then pins a detached mount */
        state.getAndAdd(DETACHED - 1); /* umount_tree() + namespace_unlock()'s mntput */
        return 0;
    }
}
