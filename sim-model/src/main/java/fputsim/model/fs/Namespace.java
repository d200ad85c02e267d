package fputsim.model.fs;

import fputsim.explore.StepContext;
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
 * umount(2) (path_umount / do_umount with propagate_mount_busy(mnt, 2), MNT_DETACH) and the
 * exclusive device open of mount(2) and mkfs.
 * Leaves out: propagation, child mounts, MNT_EXPIRE/MNT_FORCE, the remount-ro of the root, sget's
 * reuse of a live superblock (mount here always needs the device: the scenarios mount only after
 * the old superblock is gone or use mkfs), s_umount and namespace_sem (each syscall step is one
 * lock-held region).
 * Checked by: MountTest, UmountNotBusyAfterReap, MountAfterUmountSucceeds.
 */
public class Namespace {
    public static final int EBUSY = -16;
    public static final int EINVAL = -22;
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

    /** mount(2) at set-up: a new superblock claims the device; the namespace holds one reference. */
    public VfsMount mountAtSetup(String target, BlockDevice bdev) {
        kernel.requireSetUp("mounting " + target);
        return mount(target, bdev);
    }

    /** A new superblock and mount on {@code bdev}: it claims the device; the namespace holds one reference. */
    private VfsMount mount(String target, BlockDevice bdev) {
        SuperBlock sb = new SuperBlock("sb(" + bdev.name + ")#" + kernel.mounts.size(), bdev, kernel.tracker);
        bdev.claim(sb);
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
                        result = EINVAL;
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
                return EBUSY;
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
     * mount(2) or mkfs of a device: the exclusive open of the block device; -EBUSY while a
     * superblock (alive, or dying but not yet killed) still holds the claim.
     */
    public final class MountDevice extends Frame {
        private final BlockDevice bdev;
        private final String target;

        public MountDevice(BlockDevice bdev, String target) {
            this.bdev = bdev;
            this.target = target;
        }

        @Override
        public String function() {
            return "get_tree_bdev";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            int result = 0;
            bdev.claimAttempt(); // the exclusive open: a write of the claim, whether or not it succeeds
            if (bdev.holder() != null) {
                result = EBUSY;
            } else {
                mount(target, bdev);
            }
            kernel.emit(new Event.MountReturned(target, result));
            kernel.mountReturned(result);
            return true;
        }
    }
}
