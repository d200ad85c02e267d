package fputsim.model.sched;

import fputsim.explore.Actor;
import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.Kernel;

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
    public int flags;
    /** The thread group (process); null for kernel threads. */
    public final ThreadGroup group;

    CallbackHead taskWorks;
    /** TIF_NOTIFY_SIGNAL: set by TWA_SIGNAL, breaks an interruptible sleep. */
    public boolean notifySignal;
    /** A fatal signal is pending (SIGKILL delivered). */
    public boolean sigkill;
    /** Set when the task has passed exit_notify: it runs no more steps. */
    public boolean dead;

    /** POR keys: names of the pieces other tasks race on, the same in every run. */
    public final String taskWorksKey;
    public final String signalKey;

    /** Per-task io_uring context (current->io_uring), if the task used io_uring. */
    public Object ioUring;

    private final List<Frame> stack = new ArrayList<>();

    public TaskStruct(Kernel kernel, int pid, String comm, int flags, ThreadGroup group) {
        this.kernel = kernel;
        this.pid = pid;
        this.comm = comm;
        this.flags = flags;
        this.group = group;
        this.taskWorksKey = "task_works:" + comm + "-" + pid;
        this.signalKey = "signal:" + comm + "-" + pid;
        if (group != null) {
            group.threads.add(this);
        }
    }

    @Override
    public String name() {
        return comm + "-" + pid;
    }

    /**
     * May this task queue task_work for itself? True for user tasks; a kthread normally cannot
     * (the fput deferral tests PF_KTHREAD). The 2024 io_uring-exit-cancel series gates it on a new
     * PF_NO_TASKWORK flag instead and lets io_uring's exit kworkers use task_work for a while.
     */
    public boolean taskWorkCapable() {
        return !isKthread() || kthreadTaskWork;
    }

    /** Set on a kworker between io_kworker_tw_start and io_kworker_tw_end (2024 series only). */
    public boolean kthreadTaskWork;

    /** True for a hard or soft interrupt context (an I/O completion). */
    public boolean inInterrupt() {
        return false;
    }

    public boolean isKthread() {
        return (flags & PF_KTHREAD) != 0;
    }

    /** Calls a kernel function: its steps run next, then the caller continues. */
    public void call(Frame frame) {
        stack.add(frame);
    }

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
        if (stack.isEmpty()) {
            startIdleWork(cx);
            return;
        }
        int at = stack.size() - 1;
        Frame top = stack.get(at);
        if (top.step(this, cx)) {
            stack.remove(at);
            if (stack.isEmpty()) {
                onIdle(cx);
            }
        }
    }

    /** Called in the step that returned from the outermost function. */
    protected void onIdle(StepContext cx) {
    }

    /** The TASK-PID column of an ftrace line. */
    public String traceName() {
        return comm + "-" + pid;
    }

    @Override
    public String toString() {
        return name();
    }
}
