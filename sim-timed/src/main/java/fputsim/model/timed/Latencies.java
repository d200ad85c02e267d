package fputsim.model.timed;

import fputsim.model.Kernel;
import fputsim.model.exit.Exit;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringExit;
import fputsim.model.iouring.IoWqWorker;
import fputsim.model.iouring.SqpollThread;
import fputsim.model.scenario.Scenario03RetryingUmount;
import fputsim.model.scenario.World;
import fputsim.model.sched.Frame;
import fputsim.model.sched.IrqContext;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Models: how long an enabled task waits before its next step can run, chosen by what that step
 * is (the task's type and its innermost frame's named step, {@link Frame#label()}), and how much
 * CPU the step takes. The sources of each number are in {@link TimedParam}; the rules are
 * {@link Rule}. io_ring_exit_work's two RCU waits (percpu_ref_kill's switch callback before
 * ctx->refs can reach zero, synchronize_rcu() before a DEFER_TASKRUN ring's io_ring_ctx_free) take
 * their times from the run's {@link RcuGracePeriods}.
 * Leaves out: scheduler classes and priorities, preemption inside a step, cache effects, the
 * timer wheel's coarser levels (every timer here is on level 0: delays of at most 63 jiffies).
 * Checked by: TimedDriverTest, LatenciesRulesTest.
 */
public final class Latencies {
    /** Why a task waited before a step: the distribution its ready time came from. */
    public enum Cause {
        /** It has just run a step and keeps the CPU's queue position: no wake-up. */
        RUNNING,
        /** An in-flight buffered read completes (page unlock on the loop device). */
        IO_BUFFERED,
        /** An in-flight O_DIRECT read completes. */
        IO_DIRECT,
        /** A delayed work's timer: the tick that reaches jiffies + delay, then a kworker wake-up. */
        DELAYED_WORK_TIMER,
        /** io_ring_exit_work's wait_for_completion timeout (HZ/20) with the ring's references still held. */
        EXIT_WORK_RETRY,
        /**
         * io_ring_exit_work's wait for ref_comp with every reference dropped: ctx->refs reaches zero only when
         * percpu_ref_kill's call_rcu_hurry callback has run ({@link RcuGracePeriods#callback}), then a kworker wake-up.
         */
        REF_SWITCH_RCU,
        /** io_ring_exit_work's synchronize_rcu() on a DEFER_TASKRUN ring before io_ring_ctx_free ({@link RcuGracePeriods#synchronize}). */
        SYNCHRONIZE_RCU,
        /** A kworker woken by queue_work or complete(). */
        KWORKER_WAKE,
        /** A user or io thread woken (SIGKILL, a completion it sleeps on). */
        TASK_WAKE,
        /** The parent's wait4 woken by the last exit_notify. */
        WAIT_WAKE,
        /** The harness between wait returning and umount2 (its gap, or its sleep plus timer slack). */
        HARNESS_DELAY,
        /** The harness's sleep between umount2 attempts, plus timer slack. */
        HARNESS_RETRY_SLEEP,
        /** A shell forks and execs umount(8) (scenario 03's shell). */
        FORK_EXEC,
        /** The harness's kill at a uniform time in [0, kill_window_us] while fio's loop runs. */
        KILL_WINDOW
    }

    /**
     * Each rule that picks a cause or a CPU cost, by the step it matches (the model's named steps:
     * {@link Frame.Label} constants and frame types, never function names or bare program counters).
     * The order is the order in which {@link #cause} and {@link #service} try them.
     * LatenciesRulesTest checks that every rule matches a step the model produces.
     */
    enum Rule {
        /** An interrupt-context completion of a buffered read. */
        IRQ_BUFFERED,
        /** An interrupt-context completion of an O_DIRECT read. */
        IRQ_DIRECT,
        /** An idle kworker whose delayed work is pending and not being flushed: the timer. */
        DELAYED_WORK_PENDING,
        /** An idle kworker starts its pending work (queued, or a delayed work someone flushes). */
        WORK_START,
        /** io_ring_exit_work at {@link IoUringExit.RingExitWork.Step#REF_COMP_WAIT} with the ring's references held. */
        EXIT_WORK_REF_COMP_TIMEOUT,
        /** io_ring_exit_work at {@link IoUringExit.RingExitWork.Step#REF_COMP_WAIT} with none held, before percpu_ref_kill's RCU callback. */
        EXIT_WORK_REF_SWITCH_RCU,
        /** io_ring_exit_work's first {@link IoUringExit.RingExitWork.Step#RING_CTX_FREE} step on a DEFER_TASKRUN ring: synchronize_rcu() first. */
        EXIT_WORK_SYNCHRONIZE_RCU,
        /** The harness between wait returning and its first umount2 ({@link Scenario03RetryingUmount.HarnessDelay}). */
        HARNESS_DELAY,
        /** The harness's umount2 after its first ({@link Scenario03RetryingUmount.UmountRetry.Step#UMOUNT2}). */
        HARNESS_RETRY_SLEEP,
        /** The shell's first action, the kill ({@link World.Script.Step#FIRST_ACTION}), with kill_window_us above 0. */
        KILL_IN_WINDOW,
        /** A task that has just run a step and is still enabled. */
        CONTINUING,
        /** The parent's wait4 ({@link Exit.Wait}) woken by the last exit_notify. */
        WAIT4_WOKEN,
        /** A command's first step after the shell's fork+execve ({@link World.Command.Step#SYSCALL}). */
        FORK_EXEC,
        /** Any other kworker step after a wait. */
        KWORKER_WOKEN,
        /** Any other task step after a wait. */
        TASK_WOKEN,
        /** CPU: a kworker step. */
        CPU_KWORKER,
        /** CPU: a SQPOLL or io-wq thread step. */
        CPU_IO_THREAD,
        /** CPU: a fio thread's kernel step. */
        CPU_FIO_STEP,
        /** CPU: a fio thread's do_exit at {@link Exit#EXIT_MM} as the mm's last user (exit_mmap). */
        CPU_EXIT_MM_LAST_USER,
        /** CPU: a harness step (the shell, the helper, a command). */
        CPU_SYSCALL
    }

    private final TimedParams p;
    private final long jiffy;
    private final long tickPhase;
    /** Where the rules that matched are recorded (a test's), or null. */
    private final Set<Rule> matched;
    /** The run's RCU grace periods, sampled from their own stream (the actors' streams stay as they were). */
    private final RcuGracePeriods rcu;
    private final SplittableRandom rcuRandom;
    /** When each dying ring's percpu_ref switch callback runs (set when percpu_ref_kill is seen); lookup only. */
    private final Map<IoRingCtx, Long> refSwitchDone = new IdentityHashMap<>();
    /** When each DEFER_TASKRUN ring's io_ring_exit_work returns from synchronize_rcu(); lookup only. */
    private final Map<IoRingCtx, Long> synchronizeDone = new IdentityHashMap<>();

    Latencies(TimedParams p, long tickPhase) {
        this(p, tickPhase, null);
    }

    Latencies(TimedParams p, long tickPhase, Set<Rule> matched) {
        this.p = p;
        this.jiffy = p.jiffyNs();
        this.tickPhase = tickPhase;
        this.matched = matched;
        this.rcu = new RcuGracePeriods(p, this);
        this.rcuRandom = new SplittableRandom(tickPhase ^ 0x5DEECE66DL);
    }

    /**
     * After each committed step at {@code now}: a ring that has just become dying
     * (io_ring_ctx_wait_and_kill's percpu_ref_kill) queues its switch-to-atomic RCU callback now.
     */
    void stepped(Kernel k, long now) {
        for (IoRingCtx ctx : k.rings) {
            if (!refSwitchDone.containsKey(ctx) && ctx.dying()) {
                refSwitchDone.put(ctx, rcu.callback(now, rcuRandom));
            }
        }
    }

    private <T> T matched(Rule r, T result) {
        if (matched != null) {
            matched.add(r);
        }
        return result;
    }

    /** Why {@code t}, enabled at {@code now}, waits before its next step. */
    Cause cause(Kernel k, TaskStruct t, boolean continuing, long now) {
        Frame top = t.top();
        if (t instanceof IrqContext) {
            return buffered(k, t) ? matched(Rule.IRQ_BUFFERED, Cause.IO_BUFFERED) : matched(Rule.IRQ_DIRECT, Cause.IO_DIRECT);
        }
        if (t instanceof Kworker w) {
            if (top == null) {
                if (w.work().delayed && !flushed(k, w.work())) {
                    return matched(Rule.DELAYED_WORK_PENDING, Cause.DELAYED_WORK_TIMER);
                }
                return matched(Rule.WORK_START, continuing ? Cause.RUNNING : Cause.KWORKER_WAKE);
            }
            if (top instanceof IoUringExit.RingExitWork x && x.label() == IoUringExit.RingExitWork.Step.REF_COMP_WAIT) {
                IoRingCtx ctx = ringOfExitWork(k, w.work());
                if (ctx != null && ctx.refs() != 0) {
                    return matched(Rule.EXIT_WORK_REF_COMP_TIMEOUT, Cause.EXIT_WORK_RETRY);
                }
                if (ctx != null && refSwitchDone.getOrDefault(ctx, Long.MIN_VALUE) > now) {
                    return matched(Rule.EXIT_WORK_REF_SWITCH_RCU, Cause.REF_SWITCH_RCU);
                }
            }
            if (top instanceof IoUringExit.RingExitWork x && x.label() == IoUringExit.RingExitWork.Step.RING_CTX_FREE) {
                IoRingCtx ctx = ringOfExitWork(k, w.work());
                if (ctx != null && ctx.deferTaskrun && !synchronizeDone.containsKey(ctx)) {
                    return matched(Rule.EXIT_WORK_SYNCHRONIZE_RCU, Cause.SYNCHRONIZE_RCU);
                }
            }
        }
        if (top instanceof Scenario03RetryingUmount.HarnessDelay) {
            return matched(Rule.HARNESS_DELAY, Cause.HARNESS_DELAY);
        }
        if (top instanceof Scenario03RetryingUmount.UmountRetry r && r.label() == Scenario03RetryingUmount.UmountRetry.Step.UMOUNT2
                && r.attempts() > 0) {
            return matched(Rule.HARNESS_RETRY_SLEEP, Cause.HARNESS_RETRY_SLEEP);
        }
        if (top instanceof World.Script sc && sc.label() == World.Script.Step.FIRST_ACTION && p.get(TimedParam.KILL_WINDOW_US) > 0) {
            return matched(Rule.KILL_IN_WINDOW, Cause.KILL_WINDOW);
        }
        if (continuing) {
            return matched(Rule.CONTINUING, Cause.RUNNING);
        }
        if (top instanceof Exit.Wait) {
            return matched(Rule.WAIT4_WOKEN, Cause.WAIT_WAKE);
        }
        if (top instanceof World.Command c && c.label() == World.Command.Step.SYSCALL) {
            return matched(Rule.FORK_EXEC, Cause.FORK_EXEC);
        }
        return t instanceof Kworker ? matched(Rule.KWORKER_WOKEN, Cause.KWORKER_WAKE) : matched(Rule.TASK_WOKEN, Cause.TASK_WAKE);
    }

    /** The time {@code t}'s step can start: {@code now} plus a sample of the cause's distribution. */
    long readyAt(Cause c, Kernel k, TaskStruct t, long now, long lastStep, SplittableRandom r) {
        return switch (c) {
            case REF_SWITCH_RCU -> refSwitchDone.get(ringOfExitWork(k, ((Kworker) t).work())) + exp(TimedParam.KWORKER_WAKE_US, r);
            case SYNCHRONIZE_RCU -> {
                IoRingCtx ctx = ringOfExitWork(k, ((Kworker) t).work());
                long done = rcu.synchronize(now, rcuRandom);
                synchronizeDone.put(ctx, done);
                yield done + exp(TimedParam.KWORKER_WAKE_US, r);
            }
            case RUNNING -> now;
            case IO_BUFFERED -> now + exp(TimedParam.IO_BUFFERED_US, r);
            case IO_DIRECT -> now + exp(TimedParam.IO_DIRECT_US, r);
            case DELAYED_WORK_TIMER -> timer(now, (long) p.get(TimedParam.DELAYED_WORK_JIFFIES))
                    + exp(TimedParam.TIMER_LATE_US, r) + exp(TimedParam.KWORKER_WAKE_US, r);
            case EXIT_WORK_RETRY -> exitWorkTimeout(lastStep, now) + exp(TimedParam.TIMER_LATE_US, r)
                    + exp(TimedParam.KWORKER_WAKE_US, r);
            case KWORKER_WAKE -> now + exp(TimedParam.KWORKER_WAKE_US, r);
            case TASK_WAKE -> now + exp(TimedParam.SIGNAL_WAKE_US, r);
            case WAIT_WAKE -> now + exp(TimedParam.WAIT_WAKE_US, r);
            case HARNESS_DELAY -> now + (p.get(TimedParam.HARNESS_DELAY_US) == 0 ? p.ns(TimedParam.HARNESS_GAP_US)
                    : p.ns(TimedParam.HARNESS_DELAY_US) + p.ns(TimedParam.TIMER_SLACK_US));
            case HARNESS_RETRY_SLEEP -> now + p.ns(TimedParam.UMOUNT_RETRY_US) + p.ns(TimedParam.TIMER_SLACK_US);
            case FORK_EXEC -> now + exp(TimedParam.FORK_EXEC_US, r);
            case KILL_WINDOW -> now + Math.round(r.nextDouble() * p.ns(TimedParam.KILL_WINDOW_US));
        };
    }

    /**
     * The CPU time of {@code t}'s next step. Interrupt context takes none (it preempts): the driver
     * never gives it a CPU ({@link #usesCpu}), so it never asks.
     */
    long service(TaskStruct t, SplittableRandom r) {
        if (t instanceof Kworker) {
            return matched(Rule.CPU_KWORKER, exp(TimedParam.KWORKER_STEP_US, r));
        }
        if (t instanceof SqpollThread || t instanceof IoWqWorker) {
            return matched(Rule.CPU_IO_THREAD, exp(TimedParam.IOTHREAD_STEP_US, r));
        }
        if (t.group != null && t.group.comm.equals("fio")) {
            long step = exp(TimedParam.TASK_STEP_US, r);
            return lastExitMm(t) ? matched(Rule.CPU_EXIT_MM_LAST_USER, step + exp(TimedParam.EXIT_MM_LAST_US, r))
                    : matched(Rule.CPU_FIO_STEP, step);
        }
        return matched(Rule.CPU_SYSCALL, exp(TimedParam.SYSCALL_US, r));
    }

    /**
     * The next step is do_exit's {@link Exit#EXIT_MM} and every other thread of the group has
     * passed its own (or exited): this one drops the mm's last user and runs exit_mmap. (The model
     * counts mm users only for aio, so this is read from where the threads are.)
     */
    private static boolean lastExitMm(TaskStruct t) {
        if (!(t.top() instanceof Exit.DoExit top) || t instanceof SqpollThread || t instanceof IoWqWorker) {
            return false; // io threads are left out of the mm teardown cost (not part of its fit)
        }
        if (!top.at(Exit.EXIT_MM)) {
            return false;
        }
        for (TaskStruct o : t.group.threads()) {
            if (o != t && !(o instanceof SqpollThread) && !(o instanceof IoWqWorker) && !pastExitMm(o)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pastExitMm(TaskStruct o) {
        if (o.dead()) {
            return true;
        }
        for (Frame f : o.frames()) {
            if (f instanceof Exit.DoExit d && d.passed(Exit.EXIT_MM)) {
                return true;
            }
        }
        return false;
    }

    static boolean usesCpu(TaskStruct t) {
        return !(t instanceof IrqContext);
    }

    /** flush_delayed_work() queues a pending delayed work at once: someone is flushing {@code w}. */
    static boolean flushed(Kernel k, WorkStruct w) {
        for (TaskStruct t : k.actors()) {
            if (t.top() instanceof Kworker.Flush f && f.work() == w) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tick at which a timer of {@code delay} jiffies (at least 1) armed at {@code now} fires:
     * {@code expires = jiffies + delay} (__queue_delayed_work, schedule_timeout), and the timer wheel
     * puts a level-0 timer in the bucket of {@code expires + 1} so that one armed at the edge of a
     * tick never fires early (kernel/time/timer.c calc_index@v6.18.32: "expires = (expires >>
     * LVL_SHIFT(lvl)) + 1"): it fires at the tick that makes jiffies {@code jiffies + delay + 1},
     * between {@code delay} and {@code delay + 1} jiffies after {@code now}.
     */
    long timer(long now, long delay) {
        return tickAfter(now) + Math.max(1, delay) * jiffy;
    }

    /** The first tick strictly after {@code t} (ticks fall at tickPhase + n * jiffy). */
    long tickAfter(long t) {
        long n = Math.floorDiv(t - tickPhase, jiffy) + 1;
        return tickPhase + n * jiffy;
    }

    /**
     * io_ring_exit_work sleeps in wait_for_completion_interruptible_timeout(HZ/20) from
     * {@code since}, and loops: the first expiry at or after {@code now} is when it sees new work.
     * Each later wait is armed just after the tick that ended the one before, so it ends HZ/20 + 1
     * jiffies after that tick ({@link #timer}).
     */
    long exitWorkTimeout(long since, long now) {
        long period = (long) (p.exitWorkRetryJiffies() + 1) * jiffy;
        long first = timer(since, p.exitWorkRetryJiffies());
        if (now <= first) {
            return first;
        }
        long k = (now - first + period - 1) / period;
        return first + k * period;
    }

    private long exp(TimedParam param, SplittableRandom r) {
        double mean = p.get(param) * 1000;
        if (mean <= 0) {
            return 0;
        }
        return Math.round(-mean * Math.log(1 - r.nextDouble()));
    }

    private static boolean buffered(Kernel k, TaskStruct irq) {
        for (IoRingCtx ctx : k.rings) {
            for (IoKiocb req : ctx.requests()) {
                if (irq.comm.equals("irq/" + ctx.name + "." + req.id)) {
                    return req.buffered;
                }
            }
        }
        return true;
    }

    private static IoRingCtx ringOfExitWork(Kernel k, WorkStruct w) {
        for (IoRingCtx ctx : k.rings) {
            if (ctx.exitWork() == w) {
                return ctx;
            }
        }
        return null;
    }
}
