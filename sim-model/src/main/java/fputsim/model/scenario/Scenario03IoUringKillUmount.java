package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.iouring.IoWqWorker;
import fputsim.model.iouring.SqpollThread;
import fputsim.model.sched.Frame;
import fputsim.model.sched.IrqContext;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;

import java.util.List;

/**
 * 03 io-uring-kill-umount: Jens Axboe's reproducer (2023-08-10). fio (--thread=1, one ring and
 * one open file per job, iodepth requests in flight per ring) is killed with SIGKILL; the shell
 * waits for it and runs umount at once, and mounts again if umount succeeded. On the baseline
 * kernels the requests' file references outlive the process: they are dropped by the fallback
 * or exit kworkers, through delayed_fput, after wait() returned, so umount can see EBUSY.
 *
 * <p>Where each request is when the kill arrives: without fio's loop ({@code fioLoop} 0) every
 * request is in flight (its completion, an interrupt-context step, may come before or after any
 * step of the exit), or, with iowq, held by an io-wq thread; the explorer chooses when the kill
 * arrives relative to every completion. With {@code fioLoop} N each job thread runs N rounds of
 * fio's loop ({@link FioIoringJob}: wait, reap, resubmit) before its last wait, so the kill can
 * also find a ring with 0..iodepth-1 requests in flight (issue 16, finding 6).
 *
 * <p>Run: {@code ./fputsim check --scenario 03} (jobs 2, iodepth 2, buffered, DEFER_TASKRUN).
 * With {@code --engine psync} fio reads synchronously: no ring, no request, never busy.
 */
public final class Scenario03IoUringKillUmount extends Scenario {
    @Override
    public String number() {
        return "03";
    }

    @Override
    public String name() {
        return "io-uring-kill-umount";
    }

    @Override
    public String story() {
        return "kill -9 fio (io_uring, --thread); wait; umount -> EBUSY while request files wait for kworkers";
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
        SignalStruct fio = buildFio(k, w, c, mnt);
        w.shell(List.of(w.kill(fio), w.waitFor(fio), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
        k.declareSymmetryWhenAsked(() -> declareJobsSymmetric(k, c, fio));
    }

    /** fio's tgid, its leader's pid (the scenario's subject). */
    static final int FIO_TGID = 100;

    /** The pid of fio's job {@code j}'s thread: the leader's, then one per job. */
    static int jobPid(int j) {
        return FIO_TGID + 1 + j;
    }

    /** The name of the data file job {@code j} reads. */
    static String jobFile(int j) {
        return "foo#" + j;
    }

    /** fio: a leader and one thread per job, each with its open file and (io_uring) its ring. */
    static SignalStruct buildFio(Kernel k, World w, ScenarioConfig c, VfsMount mnt) {
        SignalStruct fio = w.process(FIO_TGID, "fio");
        w.thread(fio, FIO_TGID, k.exit.new KillableSleep("pthread_join"));
        int nextPid = jobPid(c.jobs());
        for (int j = 0; j < c.jobs(); j++) {
            boolean uring = c.engine().equals("io_uring");
            Frame base = uring && c.fioLoop() > 0 ? new FioIoringJob(k, c.fioLoop())
                    : k.exit.new KillableSleep(uring ? "io_cqring_wait" : "pread64");
            TaskStruct t = w.thread(fio, jobPid(j), base);
            File data = w.open(fio, jobFile(j), mnt, null);
            if (uring) {
                nextPid = buildRing(k, w, c, fio, t, data, j, nextPid);
            }
        }
        return fio;
    }

    /**
     * fio's jobs are interchangeable: the same code, each with its own thread, file, ring, ring
     * file, tctx, work items, kworkers, requests and completion interrupts, none of which names
     * another job. Declared for the stateful search's symmetry reduction (docs/explorer.md,
     * "Symmetry"), when the search asks for it (not at every build). Not declared with SQPOLL or
     * io-wq (their extra threads are not set up per job in one block), nor for a single job.
     */
    static void declareJobsSymmetric(Kernel k, ScenarioConfig c, SignalStruct fio) {
        if (c.jobs() < 2 || c.sqpoll() || c.iowq() > 0) {
            return;
        }
        fputsim.model.fs.FilesStruct fdt = (fputsim.model.fs.FilesStruct) fio.files();
        List<fputsim.model.fs.FilesStruct.Fd> fds = fdt.fds();
        List<List<Object>> members = new java.util.ArrayList<>();
        List<List<String>> names = new java.util.ArrayList<>();
        for (int j = 0; j < c.jobs(); j++) {
            List<Object> objs = new java.util.ArrayList<>();
            List<String> toks = new java.util.ArrayList<>();
            TaskStruct t = null;
            for (TaskStruct x : k.actors()) {
                if (x.pid == jobPid(j) && x.group == fio) {
                    t = x;
                }
            }
            objs.add(t);
            toks.add(t.name());
            File data = null;
            for (File f : k.files) {
                if (f.name.equals(jobFile(j))) {
                    data = f;
                }
            }
            objs.add(data);
            objs.add(fputsim.explore.Symmetry.field(data, "fTaskWork")); // its ____fput callback, on the kernel's list
            toks.add(data.name);
            for (fputsim.model.fs.FilesStruct.Fd fd : fds) {
                if (fd.file() == data) {
                    objs.add(fd);
                    toks.add("fd " + fd.fd());
                }
            }
            if (c.engine().equals("io_uring")) {
                IoRingCtx ctx = k.rings.get(j);
                objs.add(ctx);
                toks.add(ctx.name);
                objs.add(ctx.ringFile());
                objs.add(fputsim.explore.Symmetry.field(ctx.ringFile(), "fTaskWork"));
                for (fputsim.model.fs.FilesStruct.Fd fd : fds) {
                    if (fd.file() == ctx.ringFile()) {
                        objs.add(fd);
                        toks.add("fd " + fd.fd());
                    }
                }
                objs.add(ctx.tctxExitCb()); // io_tctx_exit_cb's head, on the kernel's list of callbacks
                objs.add(t.ioUring());
                objs.add(((IoUringTask) t.ioUring()).taskWork);
                for (fputsim.model.sched.WorkStruct ws : List.of(ctx.fallbackWork(), ctx.exitWork())) {
                    objs.add(ws);
                    for (TaskStruct x : k.actors()) {
                        if (x instanceof fputsim.model.sched.Kworker kw && kw.work() == ws) {
                            objs.add(kw);
                            toks.add(kw.traceName());
                            toks.add(kw.comm);
                        }
                    }
                }
                for (IoKiocb req : ctx.requests()) {
                    objs.add(req);
                }
                for (TaskStruct x : k.actors()) {
                    if (x.name().startsWith("irq/" + ctx.name + ".")) {
                        objs.add(x);
                    }
                }
            }
            members.add(objs);
            names.add(toks);
        }
        k.declareSymmetry(List.of(members), List.of(names), List.of((List<?>) fputsim.explore.Symmetry.field(fdt, "fds")));
    }

    private static int buildRing(Kernel k, World w, ScenarioConfig c, SignalStruct fio, TaskStruct t, File data, int j, int nextPid) {
        return buildRing(k, w, c, fio, t, data, j, nextPid, c.iodepth());
    }

    /** A ring of job {@code j} on thread {@code t} with {@code depth} requests in flight; returns the next free pid. */
    static int buildRing(Kernel k, World w, ScenarioConfig c, SignalStruct fio, TaskStruct t, File data, int j, int nextPid, int depth) {
        IoRingCtx ctx = new IoRingCtx(k, "ring" + j, c.defer() && !c.sqpoll(), c.sqpoll());
        k.ioUring.setupRing(ctx);
        k.rings.add(ctx);
        IoUringTask owner = tctx(k, t);
        ctx.addTctx(owner);
        owner.addRing(ctx);
        ctx.setRingFile(w.open(fio, "[io_uring:" + ctx.name + "]", null, (cur, f) -> k.ioUring.io_uring_release(cur, f, ctx)));
        TaskStruct submitter = t;
        if (c.sqpoll()) {
            submitter = k.addTask(new SqpollThread(k, nextPid++, fio, t.pid));
        }
        ctx.setSubmitterTask(submitter);
        IoUringTask tctx = submitter == t ? owner : tctx(k, submitter);
        if (submitter != t) {
            tctx.addRing(ctx);
        }
        if (c.fixed()) {
            ctx.registerFile(data);
            k.fileTable.fget(data, "fixed table " + ctx.name, World.SETUP);
        }
        for (int i = 0; i < depth; i++) {
            IoKiocb.State state = i < c.iowq() ? IoKiocb.State.IOWQ : IoKiocb.State.INFLIGHT;
            IoKiocb req = new IoKiocb(k.tracker, i, ctx, tctx, data, c.fixed(), !c.direct(), state);
            if (!c.fixed()) {
                k.fileTable.fget(data, req.holder(), World.SETUP);
            }
            ctx.addRequest(req);
            tctx.requestSubmitted();
            if (state == IoKiocb.State.IOWQ) {
                tctx.addIoWqWorker(k.addTask(new IoWqWorker(k, nextPid++, fio, req)));
            } else if (c.fioLoop() > 0) {
                // fio's loop submits the request again after each completion: one completion per submission
                k.addTask(new IrqContext(k, "irq/" + ctx.name + "." + i, req::issued, (cur, cx) -> {
                    req.io_complete_rw();
                    complete(k, cur, req, cx);
                }));
            } else {
                k.addTask(new IrqContext(k, "irq/" + ctx.name + "." + i, (cur, cx) -> complete(k, cur, req, cx)));
            }
        }
        return nextPid;
    }

    private static void complete(Kernel k, TaskStruct cur, IoKiocb req, StepContext cx) {
        k.emit(new fputsim.model.trace.Event.Step("io_complete_rw(" + req.holder() + ") -> __io_req_task_work_add"));
        k.ioUring.io_req_task_work_add(cur, req, cx);
    }

    private static IoUringTask tctx(Kernel k, TaskStruct t) {
        if (t.ioUring() == null) {
            IoUringTask tctx = new IoUringTask(t, k.ioUring);
            t.setIoUring(tctx);
            k.callbacks.add(tctx.taskWork);
        }
        return t.ioUring();
    }
}
