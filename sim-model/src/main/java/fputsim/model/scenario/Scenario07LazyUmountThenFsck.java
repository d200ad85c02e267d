package fputsim.model.scenario;

import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 07 lazy-umount-then-fsck: Darrick Wong's "umount returns before the filesystem is really torn
 * down, then mount can't get an exclusive lock on the device", in the ordering that makes it
 * possible on 6.18 (docs/kernel-notes.md §11.2, B7): kill -9 fio, wait, {@code umount -l}, then an
 * exclusive open of the device by fsck (fstests' _check_scratch_fs) or mkfs. The lazily detached
 * superblock holds the claim until the last request file's mntput (delayed_fput), and
 * blkdev_open's bd_prepare_to_claim (block/bdev.c@v6.18.32) refuses with EBUSY meanwhile
 * (measured 20/25 ext4, 15/25 xfs).
 * Run: {@code ./fputsim check --scenario 07}.
 */
public final class Scenario07LazyUmountThenFsck extends Scenario {
    @Override
    public String number() {
        return "07";
    }

    @Override
    public String name() {
        return "lazy-umount-then-fsck";
    }

    @Override
    public String story() {
        return "kill -9 fio; wait; umount -l; fsck (open O_EXCL) -> EBUSY while the old superblock holds the device";
    }

    @Override
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults().withSize(1, 2);
    }

    /** Its fio jobs are built by buildFio: fio's loop applies. */
    @Override
    public boolean runsFioLoop() {
        return true;
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct fio = Scenario03IoUringKillUmount.buildFio(k, w, c, mnt);
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, World.MNT_DETACH), w.openExclIfUnmounted(loop, "fsck")));
    }
}
