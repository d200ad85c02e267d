package fputsim.model.fs;

import fputsim.explore.Tracker;
import fputsim.model.sched.CallbackHead;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: struct mount / vfsmount (fs/mount.h, fs/namespace.c, Linux 6.18): mnt_count, whether it
 * is attached to a namespace (mnt_ns), MNT_DOOMED, and the callback head for __cleanup_mnt.
 * mnt_count is per-CPU in the kernel and summed by mnt_get_count() under the mount hash lock; the
 * model keeps one counter. That is enough here because every increment and decrement is one
 * atomic step and the model is sequentially consistent; what it cannot show is Linus's
 * mnt_count worry (a racy per-CPU sum read without the barrier of 65781e19dcfc), which would
 * need one counter per CPU and weak memory.
 * Shared state is private and declared by the accessors: {@link #key} covers the attachment
 * (mnt_ns), MNT_DOOMED and the cleaned-up state; {@link #countKey} covers mnt_count and its
 * holders. A per-CPU add (mnt_add_count) is a commutative update of the count.
 * Leaves out: child mounts, propagation peers and slaves, MNT_EXPIRE, MNT_FORCE, MNT_INTERNAL.
 * Checked by: MountTest, RefcountsNeverNegative, NoReferenceLeak.
 */
public final class VfsMount {
    public final String target;
    public final String key;
    public final String countKey;
    public final SuperBlock sb;
    private final Tracker tracker;
    private int mntCount;
    /** mnt->mnt_ns != NULL: mounted; mntput takes the fast path. */
    private boolean attached = true;
    private boolean doomed;
    private boolean cleanedUp;
    private final List<String> holders = new ArrayList<>();
    final CallbackHead mntRcu;

    VfsMount(String target, SuperBlock sb, Namespace ns, Tracker tracker) {
        this.target = target;
        this.sb = sb;
        this.tracker = tracker;
        this.key = "mnt:" + target + "@" + sb.name;
        this.countKey = key + ".mnt_count";
        this.mntRcu = new CallbackHead("__cleanup_mnt(" + target + ")", t -> ns.new CleanupMnt(this));
    }

    /** mnt_add_count(): a per-CPU add that reads nothing back (a commutative update). */
    void mnt_add_count(int n, String holder) {
        tracker.update(countKey);
        mntCount += n;
        if (n > 0) {
            holders.add(holder);
        } else {
            holders.remove(holder);
        }
    }

    /** lock_mount_hash(): the slow paths and the busy check serialize on the mount. */
    void lock_mount_hash() {
        tracker.write(key);
        tracker.write(countKey);
    }

    /** The count for a trace event after a per-CPU add: an observation, not a read the step acts on. */
    int peekCount() {
        return mntCount;
    }

    /** mnt_get_count(): the sum of the per-CPU counts. */
    public int mnt_get_count() {
        tracker.read(countKey);
        return mntCount;
    }

    /** Who holds each reference (the model's ledger). */
    public List<String> holders() {
        tracker.read(countKey);
        return Collections.unmodifiableList(holders);
    }

    /** mnt_has_parent / mnt->mnt_ns: still attached to the namespace. */
    public boolean attached() {
        tracker.read(key);
        return attached;
    }

    /** umount_tree(): mnt_ns = NULL. */
    void detach() {
        tracker.write(key);
        attached = false;
    }

    /** MNT_DOOMED. */
    boolean doomed() {
        tracker.read(key);
        return doomed;
    }

    void setDoomed() {
        tracker.write(key);
        doomed = true;
    }

    /** cleanup_mnt() has run. */
    public boolean cleanedUp() {
        tracker.read(key);
        return cleanedUp;
    }

    void markCleanedUp() {
        tracker.write(key);
        cleanedUp = true;
    }

    @Override
    public String toString() {
        return target;
    }
}
