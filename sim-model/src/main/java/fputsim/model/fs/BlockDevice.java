package fputsim.model.fs;

/**
 * Models: struct block_device's exclusive holder (block/bdev.c, Linux 6.18): a block filesystem
 * opens its device exclusively with the superblock as holder; another exclusive opener (a second
 * mount instance, mkfs) gets -EBUSY while the claim is held.
 * Leaves out: partitions, holder_ops, the bd_claiming handshake.
 * Checked by: MountTest.
 */
public final class BlockDevice {
    public final String name;
    public Object holder;
    public final String key;

    public BlockDevice(String name) {
        this.name = name;
        this.key = "bdev:" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
