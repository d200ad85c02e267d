package fputsim.model.fs;

/**
 * Models: struct super_block's active references and its block device claim (fs/super.c,
 * Linux 6.18): s_active, SB_DYING/SB_DEAD, and the exclusive holder of the block device that
 * kill_block_super releases (synchronously since 6.9's bdev_fput, "fs,block: yield devices early").
 * Leaves out: s_umount, inode eviction, writeback, the fs_supers list.
 * Checked by: MountTest, MountAfterUmountSucceeds.
 */
public final class SuperBlock {
    public final String name;
    public final BlockDevice bdev;
    public final String key;
    public int sActive = 1;
    public boolean dead;

    public SuperBlock(String name, BlockDevice bdev) {
        this.name = name;
        this.bdev = bdev;
        this.key = "sb:" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
