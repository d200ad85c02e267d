package fputsim.model.fs;

import fputsim.model.sched.CallbackHead;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct mount / vfsmount (fs/mount.h, fs/namespace.c, Linux 6.18): mnt_count, whether it
 * is attached to a namespace (mnt_ns), MNT_DOOMED, and the callback head for __cleanup_mnt.
 * mnt_count is per-CPU in the kernel and summed by mnt_get_count() under the mount hash lock; the
 * model keeps one counter. That is enough here because every increment and decrement is one
 * atomic step and the model is sequentially consistent; what it cannot show is Linus's
 * mnt_count worry (a racy per-CPU sum read without the barrier of 65781e19dcfc), which would
 * need one counter per CPU and weak memory.
 * Leaves out: child mounts, propagation peers and slaves, MNT_EXPIRE, MNT_FORCE, MNT_INTERNAL.
 * Checked by: MountTest, RefcountsNeverNegative, NoReferenceLeak.
 */
public final class VfsMount {
    public final String target;
    /**
     * POR keys, the same in every run: {@code key} for the attachment (mnt_ns) and the slow path,
     * {@code countKey} for mnt_count. A fast-path mntput is a per-CPU decrement that reads nothing
     * back: a commutative update of the count.
     */
    public final String key;
    public final String countKey;
    public final SuperBlock sb;
    public int mntCount;
    /** mnt->mnt_ns != NULL: mounted; mntput takes the fast path. */
    public boolean attached = true;
    public boolean doomed;
    public boolean cleanedUp;
    public final List<String> holders = new ArrayList<>();
    final CallbackHead mntRcu;

    public VfsMount(String target, SuperBlock sb, Namespace ns) {
        this.target = target;
        this.sb = sb;
        this.key = "mnt:" + target + "@" + sb.name;
        this.countKey = key + ".mnt_count";
        this.mntRcu = new CallbackHead("__cleanup_mnt(" + target + ")", t -> ns.new CleanupMnt(this));
    }

    @Override
    public String toString() {
        return target;
    }
}
