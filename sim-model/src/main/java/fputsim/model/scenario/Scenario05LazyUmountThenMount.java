package fputsim.model.scenario;

import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 05 lazy-umount-then-mount: the io_uring reproducer with {@code umount -l} (the workaround
 * suggested in the 2023 thread) followed by a new mount of the device with the same type. MNT_DETACH
 * skips the busy check and returns 0 at once; the superblock, and with it the exclusive claim on
 * the block device, lives until the last file's mntput, which can come from the delayed_fput
 * kworker. A same-type mount does not need the claim: sget_fc/grab_super (fs/super.c@v6.18.32)
 * reuse the live superblock, or wait for a dying one, and the mount succeeds (measured 0 EBUSY of
 * 196 on 6.18.44, docs/kernel-notes.md §11.2). The EBUSY of Darrick Wong's report comes from an
 * exclusive open instead: scenario 07.
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
        return "kill -9 fio; wait; umount -l; mount (same type) -> reuses the old superblock, never EBUSY";
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
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, World.MNT_DETACH), w.mountAgainIfUnmounted(loop, "/mnt")));
    }
}
