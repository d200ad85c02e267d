package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.FilesStruct;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Builds a scenario's world: block devices, mounts, processes with their threads and fd tables,
 * and the shell that runs the user's script. Set-up happens before the first step.
 */
public final class World {
    public final Kernel k;

    /** The step context of set-up, before the first step: footprints are irrelevant there. */
    public static final StepContext SETUP = StepContext.none();

    public World(Kernel k) {
        this.k = k;
    }

    public BlockDevice bdev(String name) {
        BlockDevice b = new BlockDevice(k.tracker, name);
        k.bdevs.add(b);
        return b;
    }

    public VfsMount mount(String target, BlockDevice bdev) {
        return k.namespace.mountAtSetup(target, bdev);
    }

    /** A process with an fd table shared by its threads. */
    public SignalStruct process(int tgid, String comm) {
        SignalStruct g = new SignalStruct(k.tracker, tgid, comm);
        g.setFiles(new FilesStruct(k.tracker, comm + "-" + tgid));
        k.processes.add(g);
        return g;
    }

    /** A thread of {@code g} (the first is the leader) running {@code base}. */
    public TaskStruct thread(SignalStruct g, int pid, Frame base) {
        TaskStruct t = k.addTask(new TaskStruct(k, pid, g.comm, 0, g));
        g.threadStarted(true);
        g.files().get_files_struct();
        t.call(base);
        return t;
    }

    /** open(2) by {@code g}: a new file with the fd's reference, installed in the fd table. */
    public File open(SignalStruct g, String name, VfsMount m, BiFunction<TaskStruct, File, Frame> release) {
        FilesStruct files = g.files();
        String holder = "fd " + files.nextFd() + " of " + g.comm + "-" + g.tgid;
        File f = k.fileTable.open(name, m, holder, release);
        files.install(f);
        f.addOpener(g);
        return f;
    }

    /** One action of the shell's script: the frame to run, or null to skip. */
    public interface Action {
        Frame run(TaskStruct shell, StepContext cx);
    }

    /** The shell (bash-99) running {@code actions} in order. */
    public TaskStruct shell(List<Action> actions) {
        SignalStruct g = new SignalStruct(k.tracker, 99, "bash");
        TaskStruct sh = k.addTask(new TaskStruct(k, 99, "bash", 0, g));
        g.threadStarted(false);
        sh.call(new Script(actions));
        return sh;
    }

    /** kill -9 of {@code g}; the script's first kill names the scenario's process under test ({@link Kernel#subject()}). */
    public Action kill(SignalStruct g) {
        k.nameSubject(g);
        return (sh, cx) -> {
            k.exit.kill(g, cx);
            return null;
        };
    }

    /**
     * wait(2) for {@code g}; in a script without a kill, the first one waited for is the scenario's
     * process under test (a kill earlier in the script has named it already).
     */
    public Action waitFor(SignalStruct g) {
        k.nameSubject(g);
        return (sh, cx) -> k.exit.new Wait(g);
    }

    private int nextChild = 200;

    /** Runs a command as a child process ({@code comm-PID}) doing one syscall, and waits for it. */
    public Action command(String comm, Frame syscall) {
        return (sh, cx) -> {
            SignalStruct child = new SignalStruct(k.tracker, nextChild, comm);
            TaskStruct t = k.addTask(new TaskStruct(k, nextChild++, comm, 0, child));
            child.threadStarted(false);
            t.call(new Command(syscall));
            k.emit(new Event.Step("fork+exec " + t.name()));
            return k.exit.new Wait(child);
        };
    }

    public Action umount(VfsMount m, int flags) {
        return command("umount", k.namespace.umount(m, flags));
    }

    /** mount(2) again, only if the last umount returned 0. */
    public Action mountAgainIfUnmounted(BlockDevice bdev, String target) {
        return (sh, cx) -> {
            List<Integer> r = k.umountResults();
            if (r.isEmpty() || r.get(r.size() - 1) != 0) {
                return null;
            }
            return command("mount", k.namespace.new MountDevice(bdev, target)).run(sh, cx);
        };
    }

    /** mkfs/fsck of the device (an exclusive open), only if the last umount returned 0. */
    public Action openExclIfUnmounted(BlockDevice bdev, String comm) {
        return (sh, cx) -> {
            List<Integer> r = k.umountResults();
            if (r.isEmpty() || r.get(r.size() - 1) != 0) {
                return null;
            }
            return command(comm, k.namespace.new OpenExcl(bdev, comm)).run(sh, cx);
        };
    }

    /** A command process: one syscall, then exit (it owns no modelled resources). */
    public final class Command extends Frame {
        /** The command's main(), at its program counters (their places in the enum). */
        public enum Step implements NumberedLabel {
            /** Its first step after the shell's fork+execve: the one syscall (umount2, mount, open). */
            SYSCALL,
            /** exit_group: the command is done. */
            EXIT;

            private static final Step[] ALL = values();
        }

        private final Frame syscall;

        Command(Frame syscall) {
            this.syscall = syscall;
        }

        @Override
        public String function() {
            return "main";
        }

        @Override
        public Step label() {
            return labelAt(Step.ALL, pc);
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            if (label() == Step.SYSCALL) {
                go(Step.EXIT);
                t.call(syscall);
                return false;
            }
            k.exit.exitThread(t, cx);
            return true;
        }
    }

    /** The shell's script: one action per step. */
    public static final class Script extends Frame {
        /** Where the script is: its first action (the scenario's kill, in 03 and 03r) or a later one. */
        public enum Step implements Label {
            /** The script's first action. */
            FIRST_ACTION,
            /** Any action after the first. */
            LATER_ACTION
        }

        private final List<Action> actions;

        Script(List<Action> actions) {
            this.actions = new ArrayList<>(actions);
        }

        @Override
        public String function() {
            return "bash";
        }

        @Override
        public Step label() {
            return pc == 0 ? Step.FIRST_ACTION : Step.LATER_ACTION;
        }

        @Override
        public boolean step(TaskStruct sh, StepContext cx) {
            Frame f = actions.get(pc++).run(sh, cx);
            if (f != null) {
                sh.call(f);
            }
            return pc == actions.size();
        }
    }

    /** The umount flag for a lazy umount. */
    public static final int MNT_DETACH = Namespace.MNT_DETACH;
}
