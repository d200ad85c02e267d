package fputsim.model.fs;

import fputsim.explore.StepContext;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;

/**
 * Models: fs/namespace.c and fs/super.c (Linux 6.18): mntget, mntput / mntput_no_expire (fast
 * path while attached, slow path after umount: the final put queues __cleanup_mnt as task_work,
 * or delayed_mntput from a kthread), cleanup_mnt, deactivate_super and kill_block_super,
 * umount(2) (path_umount / do_umount with propagate_mount_busy(mnt, 2), MNT_DETACH), mount(2) of a
 * block device (get_tree_bdev_flags → sget_fc / grab_super: a same-type mount reuses the live
 * superblock or waits for a dying one; a new superblock claims the device in setup_bdev_super) and
 * the exclusive open of mkfs/fsck (blkdev_open with O_EXCL, the file as holder).
 * Leaves out: propagation, child mounts, MNT_EXPIRE/MNT_FORCE, the remount-ro of the root,
 * FSCONFIG_CMD_CREATE_EXCL, frozen devices, user namespaces, s_umount and namespace_sem (each
 * syscall step is one lock-held region).
 * Checked by: MountTest, UmountNotBusyAfterReap, MountAfterUmountSucceeds.
 */
public class Namespace {
    /** umount2 flag: lazy detach. */
    public static final int MNT_DETACH = 2;

    protected final Kernel kernel;
    public final Llist<VfsMount> delayedMntputList;
    public final WorkStruct delayedMntputWork;

    public Namespace(Kernel kernel) {
        this.kernel = kernel;
        this.delayedMntputList = new Llist<>(kernel.tracker, "delayed_mntput_list");
        this.delayedMntputWork = new WorkStruct(kernel.tracker, "delayed_mntput_work", "events", "delayed_mntput", true, DelayedMntput::new);
        kernel.newKworker(delayedMntputWork);
    }

    /** The filesystem type of the scenarios' mounts. */
    public static final String EXT4 = "ext4";

    /** mount(2) at set-up: a new superblock claims the device; the namespace holds one reference. */
    public VfsMount mountAtSetup(String target, BlockDevice bdev) {
        kernel.requireSetUp("mounting ", target);
        return mount(target, bdev, EXT4, false);
    }

    /** A new superblock and mount on {@code bdev}: it claims the device; the namespace holds one reference. */
    private VfsMount mount(String target, BlockDevice bdev, String fsType, boolean readOnly) {
        SuperBlock sb = new SuperBlock("sb(" + bdev.name + ")#" + kernel.mounts.size(), bdev, fsType, readOnly, kernel.tracker);
        bdev.claim(sb);
        bdev.addSuper(sb);
        return newMount(target, sb);
    }

    /** vfs_create_mount + do_add_mount: a mount of {@code sb}; the namespace holds one reference. */
    private VfsMount newMount(String target, SuperBlock sb) {
        VfsMount m = new VfsMount(target, sb, this, kernel.tracker);
        m.mnt_add_count(1, "namespace");
        kernel.mounts.add(m);
        kernel.callbacks.add(m.mntRcu);
        return m;
    }

    /** mntget(): one more reference, held by {@code holder}. */
    public void mntget(VfsMount m, String holder) {
        m.mnt_add_count(1, holder);
    }

    /** mntput() → mntput_no_expire(). */
    public void mntput(TaskStruct current, VfsMount m, String holder, StepContext cx) {
        if (m.attached()) {
            m.mnt_add_count(-1, holder); // fast path: the namespace holds a ref
            kernel.emit(new Event.MntPut(m.target, m.peekCount(), false));
            return;
        }
        m.lock_mount_hash(); // slow path: under the lock, then mnt_get_count
        m.mnt_add_count(-1, holder);
        int count = m.mnt_get_count();
        kernel.emit(new Event.MntPut(m.target, count, true));
        if (current.isKthread()) {
            kernel.mark("mntput slow path from kthread");
        }
        if (count != 0 || m.doomed()) {
            return;
        }
        m.setDoomed(); // MNT_DOOMED
        if (!current.isKthread() && !current.inInterrupt()
                && kernel.taskWork.task_work_add(current, m.mntRcu, TaskWork.Notify.TWA_RESUME, cx) == 0) {
            return;
        }
        kernel.mark("mntput via delayed_mntput");
        if (delayedMntputList.llist_add(m, cx)) {
            Kworker.queue_work(kernel, delayedMntputWork, cx);
        }
    }

    /** cleanup_mnt(): dput(root), deactivate_super(); the mount is freed. */
    public final class CleanupMnt extends Frame {
        private final VfsMount m;

        public CleanupMnt(VfsMount m) {
            this.m = m;
        }

        @Override
        public String function() {
            return "cleanup_mnt";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            m.markCleanedUp();
            deactivate_super(m.sb, cx);
            return true;
        }
    }

    /**
     * deactivate_super(): drops s_active; the last one runs kill_block_super, which yields the
     * block device claim synchronously (bdev_fput, 6.9+) and marks the superblock SB_DEAD.
     */
    protected void deactivate_super(SuperBlock sb, StepContext cx) {
        int active = sb.put_active();
        kernel.emit(new Event.SuperDeactivated(sb.name, active));
        if (active == 0) {
            sb.markDead();
            sb.bdev.yieldClaim(sb);
            kernel.emit(new Event.BdevReleased(sb.bdev.name));
        }
    }

    /** delayed_mntput(): takes the list and runs cleanup_mnt on each. */
    public final class DelayedMntput extends Frame {
        private Llist.Node<VfsMount> chain;
        private boolean taken;

        @Override
        public String function() {
            return "delayed_mntput";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (!taken) {
                taken = true;
                chain = delayedMntputList.llist_del_all(cx);
                return chain == null;
            }
            VfsMount m = chain.item;
            chain = chain.next;
            current.call(new CleanupMnt(m));
            return chain == null;
        }
    }

    /**
     * umount(2) → path_umount(): the lookup takes a reference (+1 for the caller); do_umount
     * checks propagate_mount_busy(mnt, 2) (EBUSY while anything else holds the mount) unless
     * MNT_DETACH; umount_tree detaches and namespace_unlock drops the namespace's reference; the
     * caller's path_put is then usually the final mntput, queuing __cleanup_mnt as task_work
     * that runs before the syscall returns to user space.
     */
    public class Umount extends Frame {
        protected final VfsMount m;
        protected final int flags;
        protected int result;

        public Umount(VfsMount m, int flags) {
            this.m = m;
            this.flags = flags;
        }

        @Override
        public String function() {
            return "path_umount";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    kernel.emit(new Event.Syscall("umount2(" + m.target + ", " + flags + ")"));
                    if (!m.attached()) {
                        result = -Errno.EINVAL;
                        pc = 3;
                        return false;
                    }
                    mntget(m, "umount lookup");
                    pc = 1;
                }
                case 1 -> {
                    m.lock_mount_hash(); // namespace_lock, lock_mount_hash: the busy check is under the locks
                    result = do_umount(current, cx);
                    Frame retry = afterBusyCheck(current, result);
                    if (retry != null) {
                        current.call(retry);
                        return false; // the busy check runs again when the call returns
                    }
                    pc = 2;
                }
                case 2 -> {
                    mntput(current, m, "umount lookup", cx); // path_put
                    current.call(kernel.taskWork.task_work_run()); // exit to user mode runs task_work
                    pc = 3;
                }
                default -> {
                    kernel.emit(new Event.UmountReturned(m.target, result));
                    kernel.umountReturned(result);
                    return true;
                }
            }
            return false;
        }

        /** A frame to run before checking again (e.g. a flush on EBUSY), or null to go on. */
        protected Frame afterBusyCheck(TaskStruct current, int result) {
            return null;
        }

        /** do_umount(): the busy check, then umount_tree and the namespace's reference. */
        protected int do_umount(TaskStruct current, StepContext cx) {
            if ((flags & MNT_DETACH) == 0 && propagate_mount_busy(m, 2)) {
                return -Errno.EBUSY;
            }
            m.detach(); // umount_tree: mnt_ns = NULL
            mntput(current, m, "namespace", cx); // namespace_unlock drops the tree's reference
            return 0;
        }
    }

    /** umount(2) as a frame (a variant changing umount overrides this). */
    public Frame umount(VfsMount m, int flags) {
        return new Umount(m, flags);
    }

    /** propagate_mount_busy() (fs/pnode.c): busy when the count exceeds the expected references. */
    public boolean propagate_mount_busy(VfsMount m, int refcnt) {
        return m.mnt_get_count() > refcnt;
    }

    /**
     * sget_fc()'s search (fs/super.c, super_s_dev_test@v6.18.32): a superblock of {@code fsType}
     * on {@code bdev} that is not SB_DEAD (the walk is over fc->fs_type->fs_supers only), or null.
     */
    protected SuperBlock sget_find(BlockDevice bdev, String fsType) {
        for (SuperBlock sb : bdev.supers()) {
            if (sb.fsType.equals(fsType) && !sb.dead()) {
                return sb;
            }
        }
        return null;
    }

    /**
     * mount(2) of a block device: fs/super.c get_tree_bdev_flags@v6.18.32 → sget_dev → sget_fc.
     * A live superblock of the same type on the device is reused (grab_super:
     * atomic_inc_not_zero(&s_active)), unless the mount changes its RO state ("Can't mount, would
     * change RO state": -EBUSY). A dying one (s_active 0, not yet SB_DEAD) is waited for
     * (wait_var_event(SB_DEAD)), then a new one is made. A new superblock opens the device with
     * itself as holder (setup_bdev_super → bdev_file_open_by_dev): -EBUSY while anyone else holds
     * the claim (bd_may_claim): another type's superblock, or an exclusive opener (mkfs, fsck).
     * 6.1 (get_tree_bdev@6.1.192, the type as holder, no SB_DEAD wait) gives the same results for
     * these cases (docs/kernel-notes.md §11.1).
     */
    public final class MountDevice extends Frame {
        private final BlockDevice bdev;
        private final String target;
        private final String fsType;
        private final boolean readOnly;

        /** A read-write mount of the scenarios' type (ext4). */
        public MountDevice(BlockDevice bdev, String target) {
            this(bdev, target, EXT4, false);
        }

        public MountDevice(BlockDevice bdev, String target, String fsType, boolean readOnly) {
            this.bdev = bdev;
            this.target = target;
            this.fsType = fsType;
            this.readOnly = readOnly;
        }

        @Override
        public String function() {
            return "get_tree_bdev";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            SuperBlock old = sget_find(bdev, fsType); // grab_super on a dying sb sleeps until SB_DEAD
            return old == null || old.s_active() > 0;
        }

        @Override
        public String waitsFor() {
            return "the dying superblock of " + bdev.name + " to reach SB_DEAD (grab_super: wait_var_event)";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            int result = 0;
            SuperBlock old = sget_find(bdev, fsType);
            if (old != null) {
                if (old.readOnly != readOnly) {
                    result = -Errno.EBUSY; // get_tree_bdev_flags: "Can't mount, would change RO state"
                } else if (old.get_active_not_zero()) {
                    kernel.mark("mount reuses the live superblock (grab_super)");
                    newMount(target, old);
                } else {
                    throw new IllegalStateException("mount ran while " + old.name + " is dying: the guard waits for SB_DEAD");
                }
            } else {
                bdev.claimAttempt(); // setup_bdev_super's exclusive open: a write of the claim, whether or not it succeeds
                if (bdev.holder() != null) {
                    result = -Errno.EBUSY;
                } else {
                    mount(target, bdev, fsType, readOnly);
                }
            }
            kernel.emit(new Event.MountReturned(target, result));
            kernel.mountReturned(result);
            return true;
        }
    }

    /**
     * mkfs or fsck of a device: open(dev, O_RDONLY|O_EXCL) (block/fops.c blkdev_open@v6.18.32,
     * the file as holder → bdev_open → bd_prepare_to_claim: -EBUSY while a superblock holds the
     * claim), then close. Its result is recorded with mount(2)'s.
     */
    public final class OpenExcl extends Frame {
        private final BlockDevice bdev;
        private final String why;

        public OpenExcl(BlockDevice bdev, String why) {
            this.bdev = bdev;
            this.why = why;
        }

        @Override
        public String function() {
            return "blkdev_open";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            kernel.emit(new Event.Syscall("open(/dev/" + bdev.name + ", O_RDONLY|O_EXCL) [" + why + "]"));
            bdev.claimAttempt();
            int result = 0;
            if (bdev.holder() != null) {
                result = -Errno.EBUSY;
            } else {
                bdev.claim(this); // held for the command's work, yielded by its close
                bdev.yieldClaim(this);
            }
            kernel.emit(new Event.ExclOpenReturned(bdev.name, result));
            kernel.mountReturned(result);
            return true;
        }
    }
}
