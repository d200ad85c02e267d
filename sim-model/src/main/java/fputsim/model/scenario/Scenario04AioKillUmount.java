package fputsim.model.scenario;

import fputsim.model.Kernel;
import fputsim.model.aio.Aio;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.IrqContext;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 04 aio-kill-umount: the libaio control arm. fio with libaio is killed; exit_mm → exit_aio waits
 * until every in-flight kiocb has been destroyed before exit_files. With buffered reads (the
 * default, as in the seed), io_submit completes them inside the syscall, so nothing is in flight
 * at the kill and umount is never busy, as on the real kernel. With {@code --direct} the kiocbs
 * complete from interrupt context, and their fput comes from irq; but exit_aio (in exit_mm) waits
 * for every kiocb before exit_files, so the last reference is always the fd table's, dropped by the
 * exiting task itself and released in its exit_task_work: never busy either. (The project brief had
 * suggested direct aio could be busy; the model says no, and the kernel notes agree.)
 * Run: {@code ./fputsim check --scenario 04} (and {@code --direct}).
 */
public final class Scenario04AioKillUmount extends Scenario {
    @Override
    public String number() {
        return "04";
    }

    @Override
    public String name() {
        return "aio-kill-umount";
    }

    @Override
    public String story() {
        return "kill -9 fio (libaio); exit_aio waits for its requests; buffered: umount never busy";
    }

    @Override
    public ScenarioConfig defaults() {
        return new ScenarioConfig(1, 2, false, false, false, false, 0, "libaio");
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct fio = w.process(Scenario03IoUringKillUmount.FIO_TGID, "fio");
        Aio.Kioctx ctx = new Aio.Kioctx(k.tracker);
        fio.setKioctx(ctx);
        w.thread(fio, Scenario03IoUringKillUmount.FIO_TGID, k.exit.new KillableSleep("pthread_join"));
        for (int j = 0; j < c.jobs(); j++) {
            w.thread(fio, Scenario03IoUringKillUmount.jobPid(j), k.exit.new KillableSleep(c.direct() ? "io_getevents" : "io_submit"));
            File data = w.open(fio, Scenario03IoUringKillUmount.jobFile(j), mnt, null);
            if (!c.direct()) {
                continue; // buffered aio completes inside io_submit: nothing in flight
            }
            for (int i = 0; i < c.iodepth(); i++) {
                Aio.Kiocb req = new Aio.Kiocb(j * c.iodepth() + i, data, ctx);
                k.fileTable.fget(data, req.holder(), World.SETUP);
                ctx.addRequest(req);
                k.addTask(new IrqContext(k, "irq/aio." + req.id, (cur, cx) -> k.aio.aio_complete_rw(cur, req, cx)));
            }
        }
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
    }
}
