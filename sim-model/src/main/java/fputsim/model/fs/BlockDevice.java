package fputsim.model.fs;

import fputsim.explore.Tracker;

/**
 * Models: struct block_device's exclusive holder (block/bdev.c, Linux 6.18): a block filesystem
 * opens its device exclusively with the superblock as holder; another exclusive opener (a second
 * mount instance, mkfs/fsck's open(O_EXCL), whose holder is the file) gets -EBUSY while the claim is
 * held (bd_may_claim@v6.18.32: only the same holder can re-claim). The holder is private, declared by
 * its accessors under {@link #key}.
 * Leaves out: partitions, holder_ops, the bd_claiming handshake.
 * Checked by: MountTest.
 */
public final class BlockDevice {
    public final String name;
    public final String key;
    private final Tracker tracker;
    private Object holder;
    private final java.util.List<SuperBlock> supers = new java.util.ArrayList<>();

    public BlockDevice(Tracker tracker, String name) {
        this.tracker = tracker;
        this.name = name;
        this.key = "bdev:" + name;
    }

    /** bd_holder: who has the device open exclusively, or null. */
    public Object holder() {
        tracker.read(key);
        return holder;
    }

    /** The superblocks ever set up on this device (fs_supers filtered by s_dev), oldest first. */
    public java.util.List<SuperBlock> supers() {
        tracker.read(key);
        return java.util.List.copyOf(supers);
    }

    /** sget_fc's insertion of a new superblock (under sb_lock, with the claim: one write). */
    void addSuper(SuperBlock sb) {
        tracker.write(key);
        supers.add(sb);
    }

    /** An exclusive open's attempt on the claim (bd_prepare_to_claim under bdev_lock). */
    void claimAttempt() {
        tracker.write(key);
    }

    /** bd_prepare_to_claim / bd_finish_claiming: {@code who} holds it now. */
    void claim(Object who) {
        tracker.write(key);
        holder = who;
    }

    /** bd_yield_claim / bdev_fput of the holder: free, if {@code who} held it. */
    void yieldClaim(Object who) {
        tracker.write(key);
        if (holder == who) {
            holder = null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
