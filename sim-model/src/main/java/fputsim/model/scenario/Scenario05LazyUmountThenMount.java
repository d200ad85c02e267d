package fputsim.model.scenario;

import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.ThreadGroup;

import java.util.List;

/**
 * 05 lazy-umount-then-mount: the io_uring reproducer with {@code umount -l} (the workaround
 * suggested in the 2023 thread) followed by a new mount of the device. MNT_DETACH skips the busy
 * check and returns 0 at once, but the superblock, and with it the exclusive claim on the block
 * device, lives until the last file's mntput, which can come from the delayed_fput kworker after
 * the new mount tried to open the device: the mount fails with EBUSY (Darrick Wong's "umount
 * returns before the filesystem is really torn down").
 * Run: {@code ./fputsim check --scenario 05}.
 */
public final class Scenario05LazyUmountThenMount extends Scenario {
    @Override
    public String number() {
        return "05";
    }

    @Override
    public String name() {
        return "lazy-umount-then-mount";
    }

    @Override
    public String story() {
        return "kill -9 fio; wait; umount -l; mount -> EBUSY while the old superblock holds the device";
    }

    @Override
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults().withSize(1, 2);
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        ThreadGroup fio = Scenario03IoUringKillUmount.buildFio(k, w, c, mnt);
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, World.MNT_DETACH), w.mountAgainIfUnmounted(loop, "/mnt")));
    }
}
