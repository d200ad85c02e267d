package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.FilesStruct;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

import java.util.ArrayList;
import java.util.List;

/**
 * 08 clean-exit: fio runs to completion and exits by itself, no kill (docs/kernel-notes.md §17,
 * C1-C3). fio 3.33 reaps every request before a job ends, so no request is in flight; each job
 * thread closes its data fd (not with --registerfiles=1: fio_ioring_close_file keeps it until exit)
 * and its ring (fio_ioring_cleanup → close(ring_fd) → io_uring_release → io_ring_exit_work), then
 * returns; the main thread joins them and exits; the shell's wait returns; umount at once.
 * With registered files the ring's fixed table holds the data file until io_ring_exit_work's
 * io_ring_ctx_free puts it from the kworker (delayed_fput), possibly after wait returned: busy
 * Sometimes (measured C2 14/20). With SQPOLL (fio turns registerfiles on) the exit work first
 * stops the SQPOLL thread (measured C3 1/20). Normal files: never busy (measured C1 0/20).
 * Run: {@code ./fputsim check --scenario 08 --fixed}.
 */
public final class Scenario08CleanExit extends Scenario {
    @Override
    public String number() {
        return "08";
    }

    @Override
    public String name() {
        return "clean-exit";
    }

    @Override
    public String story() {
        return "fio runs to completion and exits (no kill); wait; umount: busy only while the exit work holds registered files";
    }

    @Override
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults().withSize(1, 1);
    }

    @Override
    public void build(Kernel k, ScenarioConfig c) {
        World w = new World(k);
        BlockDevice loop = w.bdev("loop0");
        VfsMount mnt = w.mount("/mnt", loop);
        SignalStruct fio = w.process(Scenario03IoUringKillUmount.FIO_TGID, "fio");
        List<TaskStruct> jobs = new ArrayList<>();
        w.thread(fio, Scenario03IoUringKillUmount.FIO_TGID, new Join(k, jobs));
        int nextPid = Scenario03IoUringKillUmount.jobPid(c.jobs());
        for (int j = 0; j < c.jobs(); j++) {
            JobEnd end = new JobEnd(k, fio, c.fixed());
            TaskStruct t = w.thread(fio, Scenario03IoUringKillUmount.jobPid(j), end);
            jobs.add(t);
            File data = w.open(fio, Scenario03IoUringKillUmount.jobFile(j), mnt, null);
            nextPid = Scenario03IoUringKillUmount.buildRing(k, w, c, fio, t, data, j, nextPid, 0);
            end.data = data;
            end.ring = k.rings.get(k.rings.size() - 1);
        }
        w.shell(List.of(w.waitFor(fio), w.umount(mnt, 0), w.mountAgainIfUnmounted(loop, "/mnt")));
    }

    /**
     * close(2) of {@code f}'s fd by {@code t} (fs/open.c SYSCALL_DEFINE1(close)@v6.18.32):
     * file_close_fd, then fput_close_sync (the final put runs __fput in the syscall: "We're
     * returning to user space. Don't bother with any delayed fput() cases"), then the return to
     * user mode: syscall_exit_to_user_mode → exit_to_user_mode_loop (kernel/entry/common.c@v6.18.32)
     * runs the task_work queued meanwhile, through get_signal (TIF_NOTIFY_SIGNAL, io_uring's
     * completions) or resume_user_mode_work (TIF_NOTIFY_RESUME, fput's ____fput;
     * include/linux/resume_user_mode.h@v6.18.32), both task_work_run. So a completion that reached
     * the task before its close(2) returned, and the ____fput of the file its request held, run in
     * the task itself, before its exit (not in exit_task_work, where io_uring's task_work of a
     * PF_EXITING task goes to the fallback kworker).
     */
    static void close(Kernel k, SignalStruct g, TaskStruct t, File f, StepContext cx) {
        FilesStruct files = g.files();
        String holder = null;
        for (FilesStruct.Fd fd : files.fds()) {
            if (fd.file() == f) {
                holder = fd.holder(g.comm + "-" + g.tgid);
            }
        }
        k.emit(new Event.Syscall("close(" + f.name + ")"));
        files.file_close_fd(f);
        k.fileTable.__fput_sync(t, f, holder, cx);
        t.andThen("exit_to_user_mode_loop", rest -> t.call(k.taskWork.task_work_run()));
    }

    /** A job's end: close the data fd (unless registered), close the ring, return (thread exit). */
    private static final class JobEnd extends Frame {
        private final Kernel k;
        private final SignalStruct g;
        private final boolean fixed;
        File data;
        IoRingCtx ring;

        JobEnd(Kernel k, SignalStruct g, boolean fixed) {
            this.k = k;
            this.g = g;
            this.fixed = fixed;
        }

        @Override
        public String function() {
            return "fio_ioring_cleanup";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    pc = 1;
                    if (!fixed) {
                        close(k, g, t, data, cx); // fio_ioring_close_file
                        return false;
                    }
                    close(k, g, t, ring.ringFile(), cx); // fio_ioring_unmap: close(ring_fd)
                    pc = 2;
                }
                case 1 -> {
                    close(k, g, t, ring.ringFile(), cx);
                    pc = 2;
                }
                default -> {
                    t.call(k.exit.new DoExit()); // the job thread returns: do_exit
                    return true;
                }
            }
            return false;
        }
    }

    /** fio's main thread: pthread_join every job thread, then exit. */
    private static final class Join extends Frame {
        private final Kernel k;
        private final List<TaskStruct> jobs;

        Join(Kernel k, List<TaskStruct> jobs) {
            this.k = k;
            this.jobs = jobs;
        }

        @Override
        public String function() {
            return "pthread_join";
        }

        @Override
        public boolean enabled(TaskStruct t) {
            for (TaskStruct j : jobs) {
                if (!j.dead()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String waitsFor() {
            return "every fio job thread to exit";
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            enabled(t); // what the join read
            t.call(k.exit.new DoExit());
            return true;
        }
    }
}
