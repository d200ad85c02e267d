package fputsim.model.timed;

/**
 * Every constant and latency of the timed mode, with its unit, its default and where the default
 * comes from. Latencies marked "exponential mean" are sampled from an exponential distribution with
 * that mean; "fitted" ones are set by {@code fputsim predict-window --calibrate} (docs/timed.md
 * shows the fitted values and the runs they came from). Overridden with {@code --set name=value}.
 */
public enum TimedParam {
    HZ("hz", 250, "Hz", "CONFIG_HZ: jiffy = 1/HZ s; ticks fall at a random phase per run",
            "this kernel: zcat /proc/config.gz | grep CONFIG_HZ= (6.18.44, CONFIG_HZ=250)"),
    CPUS("cpus", 2, "count", "CPUs that task and kworker steps share (FIFO by ready time); 0 = unlimited",
            "nproc on this machine"),
    DELAYED_WORK_JIFFIES("delayed_work_jiffies", 1, "jiffies",
            "delay of schedule_delayed_work for delayed_fput_work, fallback_work, delayed_mntput_work; "
                    + "the timer fires at the tick that reaches jiffies+delay",
            "fs/file_table.c __fput_deferred: schedule_delayed_work(&delayed_fput_work, 1); "
                    + "io_uring/io_uring.c __io_fallback_tw: schedule_delayed_work(&ctx->fallback_work, 1)"),
    EXIT_WORK_RETRY_DIVISOR("exit_work_retry_divisor", 20, "1/s",
            "io_ring_exit_work waits HZ/divisor jiffies for the ring's references before it retries "
                    + "(moving new local work to the fallback): 12 jiffies = 48 ms at HZ=250",
            "io_uring/io_uring.c io_ring_exit_work: wait_for_completion_interruptible_timeout(&ctx->ref_comp, HZ/20)"),
    RCU_GP_US("rcu_gp_us", 8000, "us",
            "exponential mean: an RCU grace period's length beyond its first jiffy (RcuGracePeriods): ctx->refs "
                    + "reaches zero only after percpu_ref_kill's call_rcu_hurry callback, and a DEFER_TASKRUN ring's "
                    + "io_ring_exit_work calls synchronize_rcu() before io_ring_ctx_free",
            "not fitted (the seed's window never waits for it): the two traced iterations of "
                    + "kernel-validation/src/test/resources/fputsim/kernel/ (sqpoll, 25 Nov: the 12 rings' exit works end "
                    + "together 17.6 ms after their percpu_ref_kill, one grace period and a callback tick; "
                    + "fio-completes-registerfiles, 2 Dec: 24 ms for two grace periods back to back): ~10-14 ms a grace period"),
    TIMER_LATE_US("timer_late_us", 3920, "us",
            "exponential mean: how much later than its tick a jiffy timer's work gets queued "
                    + "(delayed_fput's 1-jiffy timer, the exit work's HZ/20 timeout)",
            "fitted (docs/timed.md); the traced iteration in docs/real-kernel.md shows delayed_fput queued "
                    + "~6.7 ms after wait returned although its fput came before wait: more than one 4 ms jiffy"),
    KWORKER_WAKE_US("kworker_wake_us", 40, "us", "exponential mean: queue_work (or timer expiry) to the kworker's first step",
            "fitted (docs/timed.md)"),
    KWORKER_STEP_US("kworker_step_us", 58.8, "us", "exponential mean: CPU time of one kworker step",
            "fitted (docs/timed.md)"),
    TASK_STEP_US("task_step_us", 19.6, "us",
            "exponential mean: CPU time of one step of a user task in the kernel (fio's exit path, task_work items)",
            "fitted (docs/timed.md)"),
    EXIT_MM_LAST_US("exit_mm_last_us", 4200, "us",
            "exponential mean: extra CPU time of exit_mm for the mm's last user (exit_mmap of fio's address space)",
            "fitted (docs/timed.md): kill to wait returning is ~4 ms for 1, 4 and 12 jobs alike, so most of it is per process"),
    SIGNAL_WAKE_US("signal_wake_us", 40, "us", "exponential mean: SIGKILL to the first step of a sleeping fio thread",
            "assumption: kworker_wake_us' value (not separately measurable without tracing)"),
    WAIT_WAKE_US("wait_wake_us", 20, "us", "exponential mean: the last exit_notify to the parent's wait4 step",
            "assumption: one wake-up of a sleeping task on a 2-CPU VM"),
    IO_BUFFERED_US("io_buffered_us", 1000, "us",
            "exponential mean: from the kill to the completion (page unlock) of an in-flight buffered read on the loop device",
            "fitted (docs/timed.md): sets the share of windows in the exit work's retry mode (~55-65 ms)"),
    IO_DIRECT_US("io_direct_us", 1000, "us",
            "exponential mean: from the kill to the completion of an in-flight O_DIRECT read (interrupt context)",
            "set equal to the fitted io_buffered_us: not fitted (direct runs are a prediction target)"),
    IOTHREAD_STEP_US("iothread_step_us", 40, "us", "exponential mean: CPU time of one step of an SQPOLL or io-wq thread",
            "assumption: task_step_us' value before fitting"),
    SYSCALL_US("syscall_us", 5, "us", "exponential mean: CPU time of one step of the harness (umount2's busy path, wait4)",
            "assumption; the helper's retry period (~280 us for a 200 us sleep, docs/real-kernel.md) bounds it"),
    HARNESS_GAP_US("harness_gap_us", 0.16, "us", "fixed: waitpid() returning to the first umount2() with no delay",
            "kernel-validation helper_delay median 0.161 us: ReproducerMain io_uring 50 1 (docs/real-kernel.md)"),
    HARNESS_DELAY_US("harness_delay_us", 0, "us", "fixed: the harness's sleep between wait and umount (the delay sweep)",
            "the sweep variable; the helper's --delay-us (ReproducerMain --umount-delay-us)"),
    TIMER_SLACK_US("timer_slack_us", 50, "us", "fixed: added to every nanosleep of the harness",
            "default timer_slack_ns of a normal task, 50000 ns (init/init_task.c; prctl(2) PR_SET_TIMERSLACK)"),
    UMOUNT_RETRY_US("umount_retry_us", 200, "us", "fixed: the harness's sleep between umount2 attempts",
            "kernel-validation/src/main/c/fputsim-reaper.c --retry-us default"),
    FORK_EXEC_US("fork_exec_us", 9500, "us",
            "exponential mean: a shell's fork+exec of umount(8) (scenario 03's shell, not the helper)",
            "measured here: bash -c 'time (for i in $(seq 200); do /bin/umount --version >/dev/null; done)' gave 1.898 s / 200"),
    KILL_WINDOW_US("kill_window_us", 0, "us",
            "fixed: the harness's kill (the shell's first action) comes at a uniform time in [0, w] after the model's start, "
                    + "while fio's loop (--fio-loop) runs; 0: at once (the model without the loop: every request in flight at the kill)",
            "issue 16 finding 6: a kill at a random phase of fio's submit/complete loop; w must stay within what --fio-loop's rounds "
                    + "cover (about one round per completion: rounds >= w / io_buffered_us * iodepth with a margin)");

    public final String key;
    public final double defaultValue;
    public final String unit;
    public final String meaning;
    public final String source;

    TimedParam(String key, double defaultValue, String unit, String meaning, String source) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.unit = unit;
        this.meaning = meaning;
        this.source = source;
    }

    /** By its {@code --set} name; null if none. */
    public static TimedParam byKey(String key) {
        for (TimedParam p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
