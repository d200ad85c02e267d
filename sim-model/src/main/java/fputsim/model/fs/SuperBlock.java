package fputsim.model.fs;

import fputsim.explore.Tracker;

/**
 * Models: struct super_block's active references and its block device claim (fs/super.c,
 * Linux 6.18): s_active, SB_DYING/SB_DEAD, and the exclusive holder of the block device that
 * kill_block_super releases (synchronously since 6.9's bdev_fput, "fs,block: yield devices early").
 * s_active and SB_DEAD are private, declared by their accessors under {@link #key}.
 * Leaves out: s_umount, inode eviction, writeback, user namespaces (fs_supers is the device's list,
 * {@link BlockDevice#supers}).
 * Checked by: MountTest, MountAfterUmountSucceeds.
 */
public final class SuperBlock {
    public final String name;
    public final BlockDevice bdev;
    /** s_type: the filesystem type; sget_fc finds only superblocks of the mount's own type. */
    public final String fsType;
    /** SB_RDONLY. */
    public final boolean readOnly;
    public final String key;
    private final Tracker tracker;
    private int sActive = 1;
    private boolean dead;

    SuperBlock(String name, BlockDevice bdev, String fsType, boolean readOnly, Tracker tracker) {
        this.name = name;
        this.bdev = bdev;
        this.fsType = fsType;
        this.readOnly = readOnly;
        this.tracker = tracker;
        this.key = "sb:" + name;
    }

    /** atomic_dec_and_test(&s->s_active) as deactivate_super does it; returns the new count. */
    int put_active() {
        tracker.write(key);
        return --sActive;
    }

    /**
     * grab_super()'s atomic_inc_not_zero(&sb->s_active): a new active reference on a live
     * superblock; false (and nothing taken) if it is already dying.
     */
    boolean get_active_not_zero() {
        tracker.write(key);
        if (sActive == 0) {
            return false;
        }
        sActive++;
        return true;
    }

    public int s_active() {
        tracker.read(key);
        return sActive;
    }

    /** SB_DEAD. */
    public boolean dead() {
        tracker.read(key);
        return dead;
    }

    void markDead() {
        tracker.write(key);
        dead = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
