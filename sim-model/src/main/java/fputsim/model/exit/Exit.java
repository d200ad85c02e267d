package fputsim.model.exit;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.FilesStruct;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

import java.util.List;

/**
 * Models: kernel/exit.c and kernel/signal.c (Linux 6.18): SIGKILL delivery to a thread group,
 * get_signal (runs queued task_work, then do_group_exit), do_exit as an ordered list of named
 * steps, exit_files / close_files, exit_notify, and the parent's wait, which reaps the leader
 * only when every thread of the group (io-wq and SQPOLL threads included) has exited.
 * Leaves out: exit_mm beyond exit_aio, exit_sem/shm, namespaces, cgroups, perf, ptrace, zombies
 * of non-leader threads (they self-reap), the exit_code.
 * Checked by: ExitTest, ExitTerminates.
 */
public class Exit {
    protected final Kernel kernel;

    public Exit(Kernel kernel) {
        this.kernel = kernel;
    }

    /** do_exit's exit_mm step (exit_mm → mmput: the mm's last user runs exit_aio and exit_mmap). */
    public static final String EXIT_MM = "exit_mm";

    /** One named step of do_exit: the frame it runs (or null when it only marks the step). */
    public interface ExitStep extends Frame.Label {
        @Override
        String name();

        Frame run(TaskStruct current, StepContext cx);

        /** A step named {@code name} that runs {@code run} (a patch inserting a step into do_exit uses this). */
        static ExitStep of(String name, java.util.function.BiFunction<TaskStruct, StepContext, Frame> run) {
            return new ExitStep() {
                public String name() { return name; }
                public Frame run(TaskStruct t, StepContext cx) { return run.apply(t, cx); }
            };
        }
    }

    private static ExitStep step(String name, java.util.function.BiFunction<TaskStruct, StepContext, Frame> run) {
        return ExitStep.of(name, run);
    }

    /** {@code steps} with {@code step} inserted right after the step named {@code after} (a patch's one-line diff). */
    public static List<ExitStep> insertAfter(List<ExitStep> steps, String after, ExitStep step) {
        List<ExitStep> out = new java.util.ArrayList<>(steps);
        int at = out.stream().map(ExitStep::name).toList().indexOf(after);
        if (at < 0) {
            throw new IllegalArgumentException("do_exit has no step " + after);
        }
        out.add(at + 1, step);
        return out;
    }

    /**
     * do_exit's order in kernel/exit.c (6.1 through 6.18 read; unchanged): io_uring_files_cancel
     * before PF_EXITING (so io_uring can still use task_work), exit_signals (sets PF_EXITING),
     * exit_mm (exit_aio when the mm's last user goes), exit_files, exit_fs, exit_task_work,
     * exit_notify. A reordering patch overrides this list.
     */
    public List<ExitStep> doExitSteps() {
        return List.of(
                step("io_uring_files_cancel", (t, cx) -> t.ioUring() == null ? null : kernel.ioUring.io_uring_files_cancel(t)),
                step("exit_signals", (t, cx) -> { t.setFlag(TaskStruct.PF_EXITING); return null; }),
                step(EXIT_MM, (t, cx) -> kernel.aio.exit_mm(t, cx)),
                step("exit_files", this::exit_files),
                step("exit_fs", (t, cx) -> null), // cwd and root are not on the modelled mount
                step("exit_task_work", (t, cx) -> kernel.taskWork.task_work_run()),
                step("exit_notify", this::exit_notify));
    }

    /**
     * do_exit() of an io thread (io-wq worker, SQPOLL): create_io_thread@v6.18.32 clones with
     * CLONE_FILES|CLONE_VM, so the thread holds a reference on the group's fd table and the last
     * thread out, possibly an io thread, closes every fd (exit_files); the rest as for any thread
     * (no io_uring_files_cancel of its own, no aio context of its own here). Its exit_mm is a step
     * of its own because do_exit@v6.18.32 is one code path for every thread: the io thread fires
     * trace_sched_process_exit(tsk, group_dead) right before exit_mm, before exit_files, so when it
     * is the last thread of the group that point (group_dead=true) comes before it closes the ring.
     */
    public List<ExitStep> ioThreadExitSteps() {
        return List.of(
                step("exit_signals", (t, cx) -> { t.setFlag(TaskStruct.PF_EXITING); return null; }),
                step(EXIT_MM, (t, cx) -> null), // CLONE_VM: drops its mm_users reference; no aio context here
                step("exit_files", this::exit_files),
                step("exit_task_work", (t, cx) -> kernel.taskWork.task_work_run()),
                step("exit_notify", this::exit_notify));
    }

    /** do_exit() as an io thread runs it. */
    public Frame ioThreadDoExit() {
        return new DoExit(ioThreadExitSteps());
    }

    /** do_exit(): runs the named steps in order, one step each (plus what they call). */
    public final class DoExit extends Frame {
        private final List<ExitStep> steps;

        public DoExit() {
            this(doExitSteps());
        }

        DoExit(List<ExitStep> steps) {
            this.steps = steps;
        }

        @Override
        public String function() {
            return "do_exit";
        }

        /** The named step do_exit runs next. */
        @Override
        public ExitStep label() {
            return pc < steps.size() ? steps.get(pc) : null;
        }

        /** The next step is the one named {@code step}. */
        public boolean at(String step) {
            ExitStep s = label();
            return s != null && s.name().equals(step);
        }

        /** The step named {@code step} has run (false when this do_exit has no such step). */
        public boolean passed(String step) {
            for (int i = 0; i < pc && i < steps.size(); i++) {
                if (steps.get(i).name().equals(step)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            ExitStep s = steps.get(pc++);
            kernel.emit(new Event.ExitStep(s.name()));
            Frame f = s.run(current, cx);
            if (f != null) {
                current.call(f);
            }
            return pc == steps.size();
        }
    }

    /** exit_files(): drops the thread's reference on the fd table; the last one closes every fd. */
    protected Frame exit_files(TaskStruct t, StepContext cx) {
        SignalStruct g = t.group;
        FilesStruct files = g.files();
        if (files == null) {
            return null;
        }
        if (!files.put_files_struct() || files.fds().isEmpty()) {
            return null;
        }
        return new CloseFiles(files, g.comm + "-" + g.tgid);
    }

    /** close_files(): filp_close → fput for each open fd, one step each. */
    public final class CloseFiles extends Frame {
        private final FilesStruct files;
        private final String owner;

        CloseFiles(FilesStruct files, String owner) {
            this.files = files;
            this.owner = owner;
        }

        @Override
        public String function() {
            return "close_files";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            FilesStruct.Fd fd = files.fds().get(pc++);
            kernel.fileTable.fput(current, fd.file(), fd.holder(owner), cx);
            return pc == files.fds().size();
        }
    }

    /** The end of an io thread's exit (io-wq worker, SQPOLL): exit_notify without the rest of do_exit. */
    public void exitThread(TaskStruct t, StepContext cx) {
        exit_notify(t, cx);
    }

    /** exit_notify(): the thread is gone; the group's leader becomes reapable when all are. */
    protected Frame exit_notify(TaskStruct t, StepContext cx) {
        boolean last = t.exit_notify(); // the last one makes the leader reapable
        kernel.emit(new Event.TaskExit(t.comm, t.pid, last));
        return null;
    }

    /** kill(pid, SIGKILL): a fatal signal to every thread of the group (complete_signal's group kill). */
    public void kill(SignalStruct g, StepContext cx) {
        kernel.emit(new Event.SignalDelivered(9, g.tgid, g.comm));
        for (TaskStruct t : g.threads()) {
            t.sigaddset_sigkill();
        }
    }

    /**
     * A user thread blocked in a killable sleep (fio waiting for completions in io_uring_enter).
     * On SIGKILL: in io_cqring_wait, the ring's pending DEFER_TASKRUN local work runs first, not
     * cancelled (io_uring/io_uring.c:io_cqring_wait@v6.18.32, docs/kernel-notes.md §14), as its
     * own step after the kill; then get_signal runs queued task_work, then do_group_exit → do_exit.
     */
    public final class KillableSleep extends Frame {
        private final String sleep;

        public KillableSleep(String sleep) {
            this.sleep = sleep;
        }

        private KillableSleep(String sleep, int pc) {
            this.sleep = sleep;
            this.pc = pc;
        }

        @Override
        public String function() {
            return sleep;
        }

        @Override
        public boolean enabled(TaskStruct t) {
            return pc > 0 || t.fatal_signal_pending();
        }

        @Override
        public String waitsFor() {
            return "a fatal signal (SIGKILL)";
        }

        /** The wake-up by the kill (pc 0): true when it called the ring's local work. */
        private boolean wake(TaskStruct t) {
            pc = 1;
            Frame local = sleep.equals("io_cqring_wait") ? kernel.ioUring.io_cqring_wait_signalled(t) : null;
            if (local != null) {
                t.call(local);
                return true;
            }
            return false;
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (pc == 0 && wake(t)) {
                return false;
            }
            if (pc == 1) {
                kernel.emit(new Event.Step("get_signal: task_work_run"));
                t.call(kernel.taskWork.task_work_run());
                pc = 2;
                return false;
            }
            kernel.emit(new Event.Step("do_group_exit"));
            t.call(new DoExit());
            return true;
        }
    }

    /**
     * The kill finds {@code t} asleep in {@code sleep} and this step of the caller is its wake-up:
     * {@link KillableSleep}'s first step runs now (the caller, which slept, returns after this
     * call; what KillableSleep calls runs next).
     */
    public void killedInSleep(TaskStruct t, String sleep) {
        KillableSleep s = new KillableSleep(sleep);
        t.call(s);
        if (!s.wake(t)) {
            s.step(t, kernel.choices()); // pc 1: get_signal's task_work_run, called
        }
    }

    /**
     * The kill finds {@code t} in user space (fio between reaping and submitting): the signal is
     * taken on the way back to user space (exit_to_user_mode_loop → arch_do_signal_or_restart →
     * get_signal, kernel/entry/common.c and kernel/signal.c@v6.18.32): get_signal's task_work_run,
     * then do_group_exit. No io_cqring_wait: the ring's local work is not run here.
     */
    public Frame signalOnReturnToUser() {
        return new KillableSleep("exit_to_user_mode_loop", 1);
    }

    /**
     * thread_group_empty() as wait_consider_task/delay_group_leader use it: the leader is reapable only
     * once every thread of its group (io-wq and SQPOLL threads included) has passed exit_notify.
     */
    protected boolean thread_group_empty(SignalStruct g) {
        return g.allExited();
    }

    /** wait4(): sleeps until the group is empty ({@link #thread_group_empty}), then reaps it. */
    public final class Wait extends Frame {
        private final SignalStruct g;

        public Wait(SignalStruct g) {
            this.g = g;
        }

        @Override
        public String function() {
            return "do_wait";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return thread_group_empty(g);
        }

        @Override
        public String waitsFor() {
            StringBuilder live = new StringBuilder();
            for (TaskStruct t : g.threads()) {
                if (!t.dead()) {
                    live.append(live.length() == 0 ? "" : ", ").append(t.name());
                }
            }
            return "every thread of " + g.comm + "-" + g.tgid + " to exit (still live: " + live + ")";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            g.reap();
            kernel.emit(new Event.WaitReturned(g.tgid));
            return true;
        }
    }
}
