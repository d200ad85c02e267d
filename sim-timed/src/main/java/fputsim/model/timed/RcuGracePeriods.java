package fputsim.model.timed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Models: RCU grace periods in time, as the timed mode needs them for io_uring's exit (Tree RCU,
 * kernel/rcu/tree.c, Linux 6.18; this machine: CONFIG_TREE_RCU, CONFIG_PREEMPT_RCU, HZ=250,
 * rcutree.jiffies_till_first_fqs=1, rcu_normal_wake_from_gp=1, no rcu_nocbs). Two waits use them:
 * <ul>
 * <li>percpu_ref_kill(&amp;ctx->refs) (lib/percpu-refcount.c@v6.18.32: percpu_ref_kill_and_confirm →
 * __percpu_ref_switch_to_atomic → call_rcu_hurry(percpu_ref_switch_to_atomic_rcu)): until that
 * callback has summed the per-CPU counts and dropped PERCPU_COUNT_BIAS, ctx->refs cannot reach
 * zero, so io_ring_exit_work's wait for ref_comp cannot end before it ({@link #callback});</li>
 * <li>io_ring_exit_work@v6.18.32's synchronize_rcu() before io_ring_ctx_free on a DEFER_TASKRUN
 * ring ({@link #synchronize}).</li>
 * </ul>
 * A request at time t is served by the first grace period that starts after t: a new one starts at
 * the next tick (rcu_sched_clock_irq → rcu_core → rcu_accelerate_cbs → rcu_start_this_gp), or, when
 * one is in progress then, right after it ends (callbacks queued during a grace period wait for the
 * next: rcu_segcblist's RCU_NEXT_TAIL). So requests within one tick share a grace period. A grace
 * period lasts one jiffy (the grace-period kthread's first force-quiescent-state scan, which sees
 * idle CPUs' extended quiescent states) plus an exponential {@code rcu_gp_us}. A call_rcu callback
 * runs at the queuing CPU's first tick after the end (rcu_core → rcu_do_batch in softirq); a
 * synchronize_rcu caller is woken at the end (rcu_normal_wake_from_gp: rcu_sr_normal_gp_cleanup).
 * Leaves out: expedited grace periods, lazy callbacks (call_rcu_hurry is not lazy), callback
 * offloading, per-CPU differences. No effect on the order of the model's steps: only on when the
 * exit work's waits end (an untimed schedule can delay a kworker for as long as it likes).
 * Checked by: TimedDriverTest, LatenciesRulesTest.
 */
final class RcuGracePeriods {
    private final TimedParams p;
    private final Latencies lat;
    /** Start and end of every grace period so far, in order (back to back or apart). */
    private final List<long[]> gps = new ArrayList<>();

    RcuGracePeriods(TimedParams p, Latencies lat) {
        this.p = p;
        this.lat = lat;
    }

    /** The end of the grace period that serves a request at {@code t}. */
    private long gpEnd(long t, SplittableRandom r) {
        long start = lat.tickAfter(t);
        for (long[] gp : gps) {
            if (gp[0] >= start) {
                return gp[1];
            }
        }
        if (!gps.isEmpty()) {
            long[] last = gps.get(gps.size() - 1);
            if (last[1] > start) {
                start = last[1]; // in progress at the tick: the next one, right after it
            }
        }
        long end = start + p.jiffyNs() + exp(r);
        gps.add(new long[] {start, end});
        return end;
    }

    /** call_rcu_hurry at {@code t}: when the callback runs (the first tick after its grace period). */
    long callback(long t, SplittableRandom r) {
        return lat.tickAfter(gpEnd(t, r));
    }

    /** synchronize_rcu() called at {@code t}: when its grace period ends and the caller is woken. */
    long synchronize(long t, SplittableRandom r) {
        return gpEnd(t, r);
    }

    private long exp(SplittableRandom r) {
        double mean = p.get(TimedParam.RCU_GP_US) * 1000;
        if (mean <= 0) {
            return 0;
        }
        return Math.round(-mean * Math.log(1 - r.nextDouble()));
    }
}
