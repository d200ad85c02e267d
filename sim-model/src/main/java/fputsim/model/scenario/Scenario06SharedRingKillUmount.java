package fputsim.model.scenario;

import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.FilesStruct;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 06 shared-ring-kill-umount: fio's ring fd has been passed (SCM_RIGHTS) to a second process that
 * is still alive when fio is killed. fio's exit closes its fd, but the ring file stays open, so
 * io_uring_release never runs and no exit work is queued: a fix that waits in the ring's release
 * (2023, 2024) cannot cover fio's requests here; only waiting for the task's own requests at exit
 * (2026) can. The shell kills the second process at the end, so every reference goes eventually.
 * Run: {@code ./fputsim check --scenario 06}.
 */
public final class Scenario06SharedRingKillUmount extends Scenario {
    @Override
    public String number() {
        return "06";
    }

    @Override
    public String name() {
        return "shared-ring-kill-umount";
    }

    @Override
    public String story() {
        return "fio's ring is shared with a live process; kill -9 fio; wait; umount: the release never runs";
    }

    @Override
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults().withSize(1, 1);
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
        SignalStruct holder = w.process(300, "holder");
        for (IoRingCtx ctx : k.rings) {
            FilesStruct files = holder.files();
            String fd = "fd " + files.nextFd() + " of holder-300";
            k.fileTable.fget(ctx.ringFile(), fd, World.SETUP); // the fd received over SCM_RIGHTS
            files.install(ctx.ringFile());
            ctx.ringFile().addOpener(holder);
        }
        w.thread(holder, 300, k.exit.new KillableSleep("pause"));
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt"),
                w.kill(holder), w.waitFor(holder)));
    }
}
