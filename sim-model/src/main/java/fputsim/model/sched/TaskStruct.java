package fputsim.model.sched;

import fputsim.explore.Actor;
import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoUringTask;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct task_struct (include/linux/sched.h, Linux 6.18), the pieces that decide when
 * references go away: flags (PF_EXITING, PF_KTHREAD, PF_IO_WORKER), task_works, the pending
 * SIGKILL, the thread group, the io_uring task context; plus the stack of kernel functions the
 * task is executing (the model's frames). One task is one schedulable actor.
 * Leaves out: scheduling classes, CPUs (the trace's CPU column is cosmetic), credentials.
 * Checked by: TaskWorkTest, ExitTest.
 */
public class TaskStruct implements Actor {
    public static final int PF_EXITING = 0x4;
    public static final int PF_IO_WORKER = 0x10;
    public static final int PF_KTHREAD = 0x200000;

    public final Kernel kernel;
    public final int pid;
    public final String comm;
    /** The thread group (process); null for kernel threads. */
    public final SignalStruct group;

    /*
     * Shared state: private, reached through the accessors below, each of which declares its
     * footprint to the kernel's tracker. Keys name the same piece in every run.
     */
    private int flags;
    /** The task_works list head; protected by the cmpxchg of task_work_add/task_work_run (key: taskWorksKey). */
    private CallbackHead taskWorks;
    /** TIF_NOTIFY_SIGNAL: set by TWA_SIGNAL, breaks an interruptible sleep (key: taskWorksKey). */
    private boolean notifySignal;
    /** A fatal signal is pending (SIGKILL delivered) (key: signalKey). */
    private boolean sigkill;
    /** Set when the task has passed exit_notify: it runs no more steps (key: the group's, or the task's). */
    private boolean dead;
    /** Set on a kworker between io_kworker_tw_start and io_kworker_tw_end (2024 series only). */
    private boolean kthreadTaskWork;

    /** POR keys: names of the pieces other tasks race on, the same in every run. */
    public final String taskWorksKey;
    public final String signalKey;
    /** comm-pid, made once (names, keys and every trace line use it). */
    private final String id;
    /** The key of this task's flags (read and written by the task itself, and by whoever asks). */
    private final String taskKey;

    /** Per-task io_uring context (current->io_uring), if the task used io_uring; set up once. */
    private IoUringTask ioUring;

    private final List<Frame> stack = new ArrayList<>();

    public TaskStruct(Kernel kernel, int pid, String comm, int flags, SignalStruct group) {
        this.kernel = kernel;
        this.pid = pid;
        this.comm = comm;
        this.flags = flags;
        this.group = group;
        this.id = comm + "-" + pid;
        this.taskWorksKey = "task_works:" + id;
        this.signalKey = "signal:" + id;
        this.taskKey = "task:" + id;
        if (group != null) {
            group.addThread(this);
        }
    }

    @Override
    public String name() {
        return id;
    }

    /**
     * May this task queue task_work for itself? True for user tasks; a kthread normally cannot
     * (the fput deferral tests PF_KTHREAD). The 2024 io_uring-exit-cancel series gates it on a new
     * PF_NO_TASKWORK flag instead and lets io_uring's exit kworkers use task_work for a while.
     */
    public boolean taskWorkCapable() {
        return !isKthread() || kthreadTaskWork();
    }

    /** The 2024 series' window in which a kworker may use task_work. */
    public boolean kthreadTaskWork() {
        kernel.tracker.read(taskKey);
        return kthreadTaskWork;
    }

    /** io_kworker_tw_start (true) / io_kworker_tw_end (false), 2024 series. */
    public void setKthreadTaskWork(boolean on) {
        kernel.tracker.write(taskKey);
        kthreadTaskWork = on;
    }

    /** current->flags. */
    public int flags() {
        kernel.tracker.read(taskKey);
        return flags;
    }

    /** True when every bit of {@code flag} is set in current->flags. */
    public boolean hasFlag(int flag) {
        return (flags() & flag) == flag;
    }

    /** current->flags |= flag (exit_signals sets PF_EXITING). */
    public void setFlag(int flag) {
        kernel.tracker.write(taskKey);
        flags |= flag;
    }

    /** fatal_signal_pending(). */
    public boolean fatal_signal_pending() {
        kernel.tracker.read(signalKey);
        return sigkill;
    }

    /** signal_wake_up for SIGKILL: the fatal signal is pending. */
    public void sigaddset_sigkill() {
        kernel.tracker.write(signalKey);
        sigkill = true;
    }

    /** test_thread_flag(TIF_NOTIFY_SIGNAL). */
    public boolean notifySignal() {
        kernel.tracker.read(taskWorksKey);
        return notifySignal;
    }

    void setNotifySignal(boolean on) {
        kernel.tracker.write(taskWorksKey);
        notifySignal = on;
    }

    /** The task_works head (TaskWork's cmpxchg target). */
    CallbackHead taskWorks() {
        kernel.tracker.read(taskWorksKey);
        return taskWorks;
    }

    /** An xchg or cmpxchg on the head: a write, whatever it finds. */
    void touchTaskWorks() {
        kernel.tracker.write(taskWorksKey);
    }

    void setTaskWorks(CallbackHead head) {
        kernel.tracker.write(taskWorksKey);
        taskWorks = head;
    }

    /** The key the task's life is tracked under: its thread group's (wait() reads it), else its own. */
    private String lifeKey() {
        return group != null ? group.key : taskKey;
    }

    /** The task has passed exit_notify. */
    public boolean dead() {
        kernel.tracker.read(lifeKey());
        return dead;
    }

    /**
     * exit_notify's part of the task: it is dead, and its group has one live thread less. A
     * commutative update of the group: nobody reads the count back in this step. Returns whether
     * this was the group's last thread, for the trace only (an observation, not a decision).
     */
    public boolean exit_notify() {
        kernel.tracker.update(lifeKey());
        dead = true;
        if (group != null) {
            return group.threadExited();
        }
        return true;
    }

    /** current->io_uring, or null. */
    public IoUringTask ioUring() {
        return ioUring;
    }

    /** Set-up only: the task's io_uring context, created when it first sets up a ring. */
    public void setIoUring(IoUringTask tctx) {
        kernel.requireSetUp("current->io_uring");
        ioUring = tctx;
    }

    /** True for a hard or soft interrupt context (an I/O completion). */
    public boolean inInterrupt() {
        return false;
    }

    public boolean isKthread() {
        return (flags() & PF_KTHREAD) != 0;
    }

    /**
     * Calls a kernel function: its steps run next, then the caller continues. A call ends the
     * caller's step: the callee runs on later steps, so the caller must touch no shared state
     * after it in the same step (the tracker refuses it). Code that must run after the callee
     * returns goes in {@link #andThen}, as in the kernel, where the callee finishes before the
     * call returns.
     */
    public void call(Frame frame) {
        if (callBase < 0) {
            callBase = stack.size();
        }
        stack.add(frame);
    }

    /**
     * Runs {@code rest} after whatever this step called has returned: now, if the step called
     * nothing; otherwise as a one-step continuation frame below the callees (so a synchronous
     * kernel call like __fput_sync is synchronous for its caller too).
     */
    public void andThen(String function, java.util.function.Consumer<StepContext> rest) {
        if (callBase < 0) {
            rest.accept(kernel.choices());
            return;
        }
        stack.add(callBase, new Frame() {
            @Override
            public String function() {
                return function;
            }

            @Override
            public boolean step(TaskStruct current, StepContext cx) {
                rest.accept(cx);
                return true;
            }
        });
        callBase++;
    }

    /** True when this step has called a function (its continuation must wait for it). */
    public boolean calledThisStep() {
        return callBase >= 0;
    }

    /** Stack index of the first frame called in the current step; -1: none yet. */
    private int callBase = -1;

    public boolean idle() {
        return stack.isEmpty();
    }

    /** The innermost frame (what the next step runs), or null when idle. */
    public Frame top() {
        return stack.isEmpty() ? null : stack.get(stack.size() - 1);
    }

    /** The frames, innermost last (for reports). */
    public List<Frame> frames() {
        return List.copyOf(stack);
    }

    @Override
    public Status status() {
        if (stack.isEmpty()) {
            return idleStatus();
        }
        return stack.get(stack.size() - 1).enabled(this) ? Status.ENABLED : Status.BLOCKED;
    }

    /** What a task with nothing to run is: finished, unless a subclass can be woken for more. */
    protected Status idleStatus() {
        return Status.FINISHED;
    }

    /** Work to start when the stack is empty but {@link #idleStatus()} said enabled. */
    protected void startIdleWork(StepContext cx) {
        throw new IllegalStateException(name() + " has nothing to run");
    }

    @Override
    public void step(StepContext cx) {
        kernel.beginStep(this, cx);
        callBase = -1;
        StepContext choices = kernel.choices();
        if (stack.isEmpty()) {
            try {
                startIdleWork(choices);
            } finally {
                callBase = -1;
            }
            return;
        }
        int at = stack.size() - 1;
        Frame top = stack.get(at);
        try {
            if (top.step(this, choices)) {
                stack.remove(at);
                if (stack.isEmpty()) {
                    onIdle(choices);
                }
            }
        } finally {
            callBase = -1;
        }
    }

    /** Called in the step that returned from the outermost function. */
    protected void onIdle(StepContext cx) {
    }

    /** The TASK-PID column of an ftrace line. */
    public String traceName() {
        return id;
    }

    @Override
    public String toString() {
        return name();
    }
}
