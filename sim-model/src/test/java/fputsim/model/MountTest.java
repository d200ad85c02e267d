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
        assertThat(k.umountResults()).containsExactly(Namespace.EBUSY);
        assertThat(m.attached()).isTrue();
        assertThat(m.mnt_get_count()).isEqualTo(2); // the namespace and the file

        k.beginStep(u, Kit.CX);
        k.fileTable.__fput_sync(u, f, "fd 3", Kit.CX);
        Kit.runToIdle(u);
        u.call(k.namespace.umount(m, 0));
        Kit.runToIdle(u);
        assertThat(k.umountResults()).containsExactly(Namespace.EBUSY, 0);
        assertThat(m.attached()).isFalse();
        assertThat(m.cleanedUp()).isTrue(); // __cleanup_mnt ran as task_work before umount returned
        assertThat(loop.holder()).isNull(); // kill_block_super yielded the device
    }

    @Test
    void umount_lazyWithAFileOpen_succeedsButKeepsTheDeviceUntilTheLastMntput() {
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

        TaskStruct mnt = Kit.task(k, 201, "mount");
        mnt.call(k.namespace.new MountDevice(loop, "/mnt"));
        Kit.runToIdle(mnt);
        assertThat(k.mountResults()).containsExactly(Namespace.EBUSY);

        k.beginStep(u, Kit.CX);
        k.fileTable.__fput_sync(u, f, "fd 3", Kit.CX);
        Kit.runToIdle(u); // __fput → mntput slow path → __cleanup_mnt task_work
        u.call(k.taskWork.task_work_run());
        Kit.runToIdle(u);
        assertThat(m.cleanedUp()).isTrue();
        assertThat(loop.holder()).isNull();
        mnt.call(k.namespace.new MountDevice(loop, "/mnt"));
        Kit.runToIdle(mnt);
        assertThat(k.mountResults()).containsExactly(Namespace.EBUSY, 0);
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
