package fputsim.model.timed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RcuGracePeriods}: who shares a grace period, who waits for the next, and when each waiter resumes. */
class RcuGracePeriodsTest {
    private static final long J = 4_000_000L; // HZ=250

    /** Ticks at 0, 4, 8, ... ms; grace periods of exactly one jiffy (rcu_gp_us = 0). */
    private static RcuGracePeriods oneJiffyGps() {
        TimedParams p = TimedParams.defaults().with(TimedParam.RCU_GP_US, 0);
        return new RcuGracePeriods(p, new Latencies(p, 0));
    }

    @Test
    void requestsBeforeOneTick_shareItsGracePeriod() {
        RcuGracePeriods g = oneJiffyGps();
        SplittableRandom r = new SplittableRandom(1);
        // call_rcu_hurry at 1 ms and 3 ms: the GP starts at the 4 ms tick and ends one jiffy later, at 8 ms;
        // rcu_do_batch runs the callbacks at the tick after that end
        assertThat(g.callback(1_000_000, r)).isEqualTo(12_000_000);
        assertThat(g.callback(3_000_000, r)).isEqualTo(12_000_000);
    }

    @Test
    void requestDuringAGracePeriod_waitsForTheNextOneBackToBack() {
        RcuGracePeriods g = oneJiffyGps();
        SplittableRandom r = new SplittableRandom(1);
        assertThat(g.synchronize(1_000_000, r)).isEqualTo(8_000_000); // GP [4, 8] ms
        // at 5 ms that GP is in progress at the next tick (8 ms is its end, not after it): the next starts at 8
        assertThat(g.synchronize(5_000_000, r)).isEqualTo(12_000_000);
        // once no GP is in progress, a request starts a new one at its next tick
        assertThat(g.synchronize(13_000_000, r)).isEqualTo(20_000_000);
    }

    @Test
    void gracePeriod_atLeastOneJiffy_plusItsExponentialPart() {
        TimedParams p = TimedParams.defaults().with(TimedParam.RCU_GP_US, 8000);
        SplittableRandom r = new SplittableRandom(7);
        double sum = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            RcuGracePeriods g = new RcuGracePeriods(p, new Latencies(p, 0));
            long end = g.synchronize(1_000_000, r);
            assertThat(end).isGreaterThanOrEqualTo(4_000_000 + J);
            sum += end - 4_000_000 - J;
        }
        assertThat(sum / n / 1e6).as("mean beyond the first jiffy, ms").isBetween(6.5, 9.5);
    }
}
