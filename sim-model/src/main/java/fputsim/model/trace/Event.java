package fputsim.model.trace;

/**
 * The closed event vocabulary shared by model traces and parsed kernel traces (kernel-paths.md
 * section 7). Each event renders as an ftrace-style {@code name: fields} pair; names follow the
 * kernel tracepoint or function they stand for.
 */
public sealed interface Event {
    /** The tracepoint-like name, e.g. {@code signal_generate}. */
    String name();

    /** The fields, e.g. {@code sig=9 pid=100}. */
    String fields();

    /** True when the event changes a file or mount reference or a task's state (the summary view). */
    default boolean summary() {
        return true;
    }

    record SignalDelivered(int sig, int pid, String comm) implements Event {
        public String name() { return "signal_generate"; }
        public String fields() { return "sig=" + sig + " pid=" + pid + " comm=" + comm; }
    }

    record ExitStep(String step) implements Event {
        public String name() { return "do_exit"; }
        public String fields() { return step; }
        public boolean summary() { return step.equals("exit_files") || step.equals("exit_task_work") || step.equals("exit_notify"); }
    }

    record TaskExit(String comm, int pid, boolean groupDead) implements Event {
        public String name() { return "sched_process_exit"; }
        public String fields() { return "comm=" + comm + " pid=" + pid + " group_dead=" + (groupDead ? 1 : 0); }
    }

    record TaskWorkAdded(String func, int pid, int result) implements Event {
        public String name() { return "task_work_add"; }
        public String fields() { return "func=" + func + " pid=" + pid + (result == 0 ? "" : " ret=" + result); }
        public boolean summary() { return result != 0; }
    }

    record TaskWorkRan(String func) implements Event {
        public String name() { return "task_work_run"; }
        public String fields() { return "func=" + func; }
        public boolean summary() { return false; }
    }

    record WorkQueued(String workqueue, String function) implements Event {
        public String name() { return "workqueue_queue_work"; }
        public String fields() { return "workqueue=" + workqueue + " function=" + function; }
    }

    record WorkStarted(String function) implements Event {
        public String name() { return "workqueue_execute_start"; }
        public String fields() { return "function " + function; }
    }

    record WorkFinished(String function) implements Event {
        public String name() { return "workqueue_execute_end"; }
        public String fields() { return "function " + function; }
        public boolean summary() { return false; }
    }

    record RequestCompleted(String ring, int req, int res, String file) implements Event {
        public String name() { return "io_uring_complete"; }
        public String fields() { return "ring=" + ring + " req=" + req + " res=" + res + " file=" + file; }
    }

    record RingReleased(String ring) implements Event {
        public String name() { return "io_uring_release"; }
        public String fields() { return "ring=" + ring; }
    }

    record FileRef(String file, int count, String why) implements Event {
        public String name() { return "file_ref"; }
        public String fields() { return "file=" + file + " f_count=" + count + " " + why; }
    }

    record FinalFput(String file, String context) implements Event {
        public String name() { return "fput_final"; }
        public String fields() { return "file=" + file + " via=" + context; }
    }

    record FileReleased(String file) implements Event {
        public String name() { return "__fput"; }
        public String fields() { return "file=" + file; }
    }

    record DelayedFputRan(int files) implements Event {
        public String name() { return "delayed_fput"; }
        public String fields() { return "files=" + files; }
    }

    record MntPut(String mount, int count, boolean slowPath) implements Event {
        public String name() { return "mntput"; }
        public String fields() { return "mnt=" + mount + " mnt_count=" + count + (slowPath ? " slow" : ""); }
    }

    record SuperDeactivated(String sb, int active) implements Event {
        public String name() { return "deactivate_super"; }
        public String fields() { return "sb=" + sb + " s_active=" + active; }
    }

    record BdevReleased(String bdev) implements Event {
        public String name() { return "kill_block_super"; }
        public String fields() { return "bdev=" + bdev + " holder released"; }
    }

    record WaitReturned(int pid) implements Event {
        public String name() { return "sys_exit_wait4"; }
        public String fields() { return "ret=" + pid; }
    }

    record UmountReturned(String target, int errno) implements Event {
        public String name() { return "sys_exit_umount"; }
        public String fields() { return "target=" + target + " ret=" + errno; }
    }

    record MountReturned(String target, int errno) implements Event {
        public String name() { return "sys_exit_mount"; }
        public String fields() { return "target=" + target + " ret=" + errno; }
    }

    /** An exclusive open of a block device (mkfs, fsck: open(O_EXCL)) returned. */
    record ExclOpenReturned(String bdev, int errno) implements Event {
        public String name() { return "sys_exit_openat"; }
        public String fields() { return "bdev=" + bdev + " ret=" + errno; }
    }

    record Syscall(String call) implements Event {
        public String name() { return "sys_enter"; }
        public String fields() { return call; }
    }

    /** A step with nothing worth a named event: the kernel function it ran. */
    record Step(String function) implements Event {
        public String name() { return "step"; }
        public String fields() { return function; }
        public boolean summary() { return false; }
    }
}
