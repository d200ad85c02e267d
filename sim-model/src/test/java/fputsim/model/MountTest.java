package fputsim.model;

import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.scenario.World;
import fputsim.model.sched.TaskStruct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** fs/namespace.c and fs/super.c as modelled: umount's busy check, lazy umount, the device claim. */
class MountTest {
    @Test
    void umount_whileAFileOnTheMountIsOpen_returnsEbusyAndClosedReturnsZero() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount m = w.mount("/mnt", loop);
        File f = k.fileTable.open("f", m, "fd 3", null);
        TaskStruct u = Kit.task(k, 200, "umount");
        u.call(k.namespace.umount(m, 0));
        Kit.runToIdle(u);
        assertThat(k.umountResults()).containsExactly(-Errno.EBUSY);
        assertThat(m.attached()).isTrue();
        assertThat(m.mnt_get_count()).isEqualTo(2); // the namespace and the file

        k.beginStep(u, Kit.CX);
        k.fileTable.__fput_sync(u, f, "fd 3", Kit.CX);
        Kit.runToIdle(u);
        u.call(k.namespace.umount(m, 0));
        Kit.runToIdle(u);
        assertThat(k.umountResults()).containsExactly(-Errno.EBUSY, 0);
        assertThat(m.attached()).isFalse();
        assertThat(m.cleanedUp()).isTrue(); // __cleanup_mnt ran as task_work before umount returned
        assertThat(loop.holder()).isNull(); // kill_block_super yielded the device
    }

    /**
     * fs/super.c sget_fc / grab_super@v6.18.32: after {@code umount -l} with a file open, a
     * same-type mount reuses the live superblock (atomic_inc_not_zero(&s_active)) and succeeds;
     * an exclusive open (block/fops.c blkdev_open → bd_prepare_to_claim@v6.18.32, fsck/mkfs)
     * gets EBUSY until the last mntput's kill_block_super yields the claim.
     */
    @Test
    void umount_lazyWithAFileOpen_sameTypeMountReusesTheSuperblockAndExclusiveOpenIsBusyUntilTheLastMntput() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount m = w.mount("/mnt", loop);
        File f = k.fileTable.open("f", m, "fd 3", null);
        TaskStruct u = Kit.task(k, 200, "umount");
        u.call(k.namespace.umount(m, Namespace.MNT_DETACH));
        Kit.runToIdle(u);
        assertThat(k.umountResults()).containsExactly(0);
        assertThat(m.attached()).isFalse();
        assertThat(loop.holder()).isNotNull();

        TaskStruct fsck = Kit.task(k, 202, "fsck");
        fsck.call(k.namespace.new OpenExcl(loop, "fsck"));
        Kit.runToIdle(fsck);
        assertThat(k.mountResults()).containsExactly(-Errno.EBUSY);

        TaskStruct mnt = Kit.task(k, 201, "mount");
        mnt.call(k.namespace.new MountDevice(loop, "/mnt2"));
        Kit.runToIdle(mnt);
        assertThat(k.mountResults()).containsExactly(-Errno.EBUSY, 0);
        VfsMount again = k.mounts.get(k.mounts.size() - 1);
        assertThat(again.sb).isSameAs(m.sb); // grab_super: the lazily detached superblock, reused
        assertThat(m.sb.s_active()).isEqualTo(2);

        k.beginStep(u, Kit.CX);
        k.fileTable.__fput_sync(u, f, "fd 3", Kit.CX);
        Kit.runToIdle(u); // __fput → mntput slow path → __cleanup_mnt task_work
        u.call(k.taskWork.task_work_run());
        Kit.runToIdle(u);
        assertThat(m.cleanedUp()).isTrue();
        assertThat(m.sb.s_active()).isEqualTo(1); // the new mount keeps the superblock and its claim
        assertThat(m.sb.dead()).isFalse();
        assertThat(loop.holder()).isSameAs(m.sb);
    }

    /** The same, the file closed: the last mntput kills the superblock and an exclusive open succeeds. */
    @Test
    void umount_lazyThenLastClose_releasesTheClaimAndExclusiveOpenSucceeds() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount m = w.mount("/mnt", loop);
        File f = k.fileTable.open("f", m, "fd 3", null);
        TaskStruct u = Kit.task(k, 200, "umount");
        u.call(k.namespace.umount(m, Namespace.MNT_DETACH));
        Kit.runToIdle(u);
        k.beginStep(u, Kit.CX);
        k.fileTable.__fput_sync(u, f, "fd 3", Kit.CX);
        Kit.runToIdle(u);
        u.call(k.taskWork.task_work_run());
        Kit.runToIdle(u);
        assertThat(loop.holder()).isNull();
        TaskStruct fsck = Kit.task(k, 202, "fsck");
        fsck.call(k.namespace.new OpenExcl(loop, "fsck"));
        Kit.runToIdle(fsck);
        assertThat(k.mountResults()).containsExactly(0);
        assertThat(loop.holder()).isNull(); // fsck closed the device
        TaskStruct mnt = Kit.task(k, 201, "mount");
        mnt.call(k.namespace.new MountDevice(loop, "/mnt"));
        Kit.runToIdle(mnt);
        assertThat(k.mountResults()).containsExactly(0, 0);
        assertThat(k.mounts.get(k.mounts.size() - 1).sb).isNotSameAs(m.sb); // sget_fc skips the SB_DEAD one
    }

    /**
     * fs/super.c get_tree_bdev_flags@v6.18.32: a reused superblock whose RO state the mount would
     * change gives EBUSY; a mount of another type finds no superblock of its own type
     * (fs_supers), so setup_bdev_super's open with the new sb as holder is refused by bd_may_claim.
     */
    @Test
    void mount_whileTheOldSuperblockLives_readOnlyOrAnotherTypeIsBusy() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount m = w.mount("/mnt", loop);
        k.fileTable.open("f", m, "fd 3", null);
        TaskStruct u = Kit.task(k, 200, "umount");
        u.call(k.namespace.umount(m, Namespace.MNT_DETACH));
        Kit.runToIdle(u);
        TaskStruct mnt = Kit.task(k, 201, "mount");
        mnt.call(k.namespace.new MountDevice(loop, "/mnt", Namespace.EXT4, true));
        Kit.runToIdle(mnt);
        mnt.call(k.namespace.new MountDevice(loop, "/mnt", "ext2", false));
        Kit.runToIdle(mnt);
        assertThat(k.mountResults()).containsExactly(-Errno.EBUSY, -Errno.EBUSY);
        assertThat(m.sb.s_active()).isEqualTo(1);
    }

    @Test
    void propagate_mount_busy_countAboveTwo_isBusyAndTwoIsNot() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        VfsMount m = w.mount("/mnt", w.bdev("loop0"));
        k.namespace.mntget(m, "umount lookup"); // 2: the namespace and the lookup
        assertThat(k.namespace.propagate_mount_busy(m, 2)).isFalse();
        k.namespace.mntget(m, "an open file"); // 3
        assertThat(k.namespace.propagate_mount_busy(m, 2)).isTrue();
    }
}
