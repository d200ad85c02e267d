/*
 * Models: fs/namespace.c and fs/pnode.c (Linux 6.18): mnt_count as used by mntget, mntput_no_expire,
 *   lookup (legitimize_mnt under mount_lock), and do_umount()'s busy check propagate_mount_busy(mnt, 2)
 *   followed by umount_tree() (detach) in the non-lazy case.
 * Leaves out: child mounts and propagation peers/slaves (the busy check here looks only at the count),
 *   MNT_DETACH/MNT_EXPIRE/MNT_FORCE, shrink_submounts, mnt_expire marks, where cleanup_mnt runs
 *   (task_work vs delayed_mntput), and the superblock.
 *   Per-CPU collapse: the kernel keeps mnt_count in per-CPU counters (mnt_pcp->mnt_count) that mntget and
 *   mntput change without locks, and sums them (mnt_get_count) only under lock_mount_hash() in the busy
 *   check and on the slow path of mntput_no_expire. That sum is exact there only because the mount_lock
 *   seqlock (legitimize_mnt retries), MNT_SYNC_UMOUNT and the smp_mb() added by 65781e19dcfc make every
 *   racing get either visible to the sum or refused afterwards. This class collapses the per-CPU counters
 *   and the "detached" state into one atomic word, so the sum-under-lock and the check-then-detach are one
 *   CAS: it models the guarantee those barriers provide, not the per-CPU mechanism itself.
 *   An unbalanced mntput (one that would drop the namespace's own reference of a mounted mount, or go
 *   below zero) is a kernel bug; here it is refused and counted.
 * Checked by: fputsim.tests.lincheck.MntCountLincheckTest, fputsim.tests.property.MntCountPropertyTest;
 *   negative control fputsim.tests.lincheck.BrokenMntCountLincheckTest (on its broken twin in fputsim.atomics.broken).
 */
package fputsim.atomics;

import fputsim.model.Errno;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A {@code struct vfsmount}'s reference count, mounted in a namespace (count starts at 1: the namespace's). */
public class MntCount {

    public static final int EBUSY = Errno.EBUSY;
    public static final int EINVAL = Errno.EINVAL;

    /* Low 32 bits: the summed mnt_count. DETACHED bit: umount_tree() has run (mnt->mnt_ns == NULL, MNT_SYNC_UMOUNT). */
    protected static final long DETACHED = 1L << 32;
    protected static final long COUNT_MASK = DETACHED - 1;

    protected final AtomicLong state = new AtomicLong(1); /* the namespace's reference */
    protected final AtomicInteger cleanups = new AtomicInteger();
    protected final AtomicInteger imbalancedPuts = new AtomicInteger();

    /**
     * Path lookup reaching this mount, then mntget(): legitimize_mnt() fails once the mount has been
     * unmounted synchronously, so no new reference appears after a successful busy check.
     */
    public boolean mntgetByLookup() {
        long s;
        do {
            s = state.get();
            if ((s & DETACHED) != 0) {
                return false; /* legitimize_mnt: MNT_SYNC_UMOUNT seen under mount_lock */
            }
        } while (!state.compareAndSet(s, s + 1));
        return true;
    }

    /**
     * mntput() / mntput_no_expire(). While mounted this is the per-CPU fast path; once detached the caller that
     * takes the count to zero sets MNT_DOOMED and queues cleanup_mnt, exactly once.
     *
     * @return true if this put was final (cleanup_mnt queued)
     */
    public boolean mntput() {
        long s;
        long c;
        do {
            s = state.get();
            c = s & COUNT_MASK;
            boolean mounted = (s & DETACHED) == 0;
            if (c == 0 || (mounted && c == 1)) {
                imbalancedPuts.incrementAndGet(); /* would drop a reference nobody holds */
                return false;
            }
        } while (!state.compareAndSet(s, s - 1));
        if ((s & DETACHED) != 0 && c - 1 == 0) {
            cleanups.incrementAndGet(); /* MNT_DOOMED; task_work_add(__cleanup_mnt) or delayed_mntput */
            return true;
        }
        return false;
    }

    /**
     * do_umount() without MNT_DETACH, called with the umount caller's lookup reference held: busy unless the
     * count is at most 2 (the namespace's reference plus the caller's). On success umount_tree() detaches the
     * mount and namespace_unlock() drops the namespace's reference; the caller's path_put() then does the
     * final mntput().
     *
     * @return 0, -EBUSY, or -EINVAL if the mount is no longer mounted
     */
    public int doUmount() {
        long s;
        do {
            s = state.get();
            if ((s & DETACHED) != 0) {
                return -EINVAL; /* not mounted: check_mnt() fails in path_umount */
            }
            if ((s & COUNT_MASK) > 2) {
                return -EBUSY; /* propagate_mount_busy(mnt, 2): mnt_get_count(mnt) > 2 */
            }
            /* One CAS = smp_mb() + summed count check + umount_tree() + namespace_unlock()'s mntput. */
        } while (!state.compareAndSet(s, (s | DETACHED) - 1));
        return 0;
    }

    /**
     * umount(2) as seen from user space: lookup (+1 for the caller), do_umount(), then path_put() (-1).
     *
     * @return 0, -EBUSY or -EINVAL
     */
    public int umount() {
        if (!mntgetByLookup()) {
            return -EINVAL;
        }
        int err = doUmount();
        mntput(); /* on success this is the final put: cleanup_mnt is queued on the caller */
        return err;
    }

    /** The collapsed mnt_get_count() (racy snapshot). */
    public int mntGetCount() {
        return (int) (state.get() & COUNT_MASK);
    }

    public boolean detached() {
        return (state.get() & DETACHED) != 0;
    }

    public int cleanups() {
        return cleanups.get();
    }

    public int imbalancedPuts() {
        return imbalancedPuts.get();
    }
}
