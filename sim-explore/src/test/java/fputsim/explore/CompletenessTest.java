package fputsim.explore;

import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.PctStrategy;
import fputsim.explore.strategy.RandomStrategy;
import org.junit.jupiter.api.Test;

import static fputsim.explore.ExhaustiveStrategyTest.increments;
import static org.assertj.core.api.Assertions.assertThat;

/** Only a search that ran every schedule to its end is exhaustive; every other run names its cuts. */
class CompletenessTest {
    static final Bounds DEFAULTS = Bounds.defaults();

    static Exploration dpor(Bounds b) {
        return Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(true, -1), b);
    }

    @Test
    void explore_unboundedDporRunOut_isExhaustiveAndMaySayNever() {
        Exploration x = dpor(DEFAULTS);
        assertThat(x.exhaustive()).isTrue();
        assertThat(x.completeness().describe()).isEqualTo("exhaustive");
        assertThat(x.completeness().why()).isEmpty();
    }

    @Test
    void explore_preemptionBoundRunOut_isBoundedThoughTheStrategyRanOut() {
        Exploration x = Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(true, 0), DEFAULTS);
        assertThat(x.exhausted()).isTrue();
        assertThat(x.exhaustive()).isFalse();
        assertThat(x.completeness().has(Completeness.Kind.PREEMPTION_BOUND)).isTrue();
        assertThat(x.completeness().label()).isEqualTo("bounded");
        assertThat(x.completeness().why()).containsExactly("preemption bound 0");
        // no lost update without a preemption: the property is not violated, but that is no proof
        Tally t = x.tally("NoLostUpdate");
        assertThat(t.violating()).isZero();
        assertThat(x.verdictWord(t)).isEqualTo(Exploration.UNSEEN);
    }

    @Test
    void explore_aScheduleReachesTheStepBound_isBounded() {
        Exploration x = dpor(new Bounds(3, 10_000, 0, false));
        assertThat(x.exhausted()).isTrue();
        assertThat(x.exhaustive()).isFalse();
        assertThat(x.completeness().has(Completeness.Kind.STEP_BOUND)).isTrue();
        assertThat(x.completeness().why().get(0)).startsWith("max steps 3 reached by ");
    }

    @Test
    void explore_scheduleBudgetRunsOut_isBoundedByMaxSchedules() {
        Exploration x = dpor(new Bounds(2000, 1, 0, false));
        assertThat(x.exhaustive()).isFalse();
        assertThat(x.completeness().describe()).isEqualTo("bounded: max schedules 1 reached");
    }

    @Test
    void explore_scheduleBudgetEqualToTheSpace_isStillExhaustive() {
        long all = dpor(DEFAULTS).stats().schedules();
        Exploration x = dpor(new Bounds(2000, all, 0, false));
        assertThat(x.exhaustive()).as(x.completeness().describe()).isTrue();
    }

    @Test
    void explore_timeBudgetRunsOut_isBoundedByTheTimeLimit() {
        long[] now = {0};
        Explorer e = new Explorer(() -> now[0] += 1_000_000_000L, () -> false, s -> { }, 1);
        Exploration x = e.explore(increments(3), new ExhaustiveStrategy(false, -1), new Bounds(2000, 10_000, 5_000_000_000L, false));
        assertThat(x.completeness().describe()).isEqualTo("bounded: time limit 5s reached");
    }

    @Test
    void explore_stopRequested_isInterrupted() {
        int[] calls = {0};
        Explorer e = new Explorer(() -> 0L, () -> calls[0]++ >= 2, s -> { }, 1);
        Exploration x = e.explore(increments(3), new ExhaustiveStrategy(true, -1), DEFAULTS);
        assertThat(x.completeness().label()).isEqualTo("interrupted");
        assertThat(x.completeness().why()).containsExactly("stop requested after 2 schedules");
    }

    @Test
    void explore_stopAtTheFirstViolation_isStopped() {
        Exploration x = dpor(DEFAULTS.withStopOnViolation(true));
        assertThat(x.completeness().label()).isEqualTo("stopped");
        assertThat(x.completeness().why()).containsExactly("stopped at the first violating schedule");
    }

    @Test
    void explore_randomRunsMade_isSampled() {
        Exploration x = Explorer.quiet().explore(increments(2), new RandomStrategy(1, 20), DEFAULTS);
        assertThat(x.exhausted()).isTrue();
        assertThat(x.exhaustive()).isFalse();
        assertThat(x.completeness().describe()).isEqualTo("sampled: seeded random walk, 20 schedules");
    }

    @Test
    void explore_pctRunsMade_isSampled() {
        Exploration x = Explorer.quiet().explore(increments(2), new PctStrategy(2, 1, 20, 10), DEFAULTS);
        assertThat(x.completeness().label()).isEqualTo("sampled");
        assertThat(x.completeness().why()).containsExactly("PCT depth 2, 20 schedules");
    }

    @Test
    void strategy_withoutALimitOfItsOwn_isTakenAsSampling() {
        Strategy s = new Strategy() {
            @Override public boolean beginSchedule() { return false; }
            @Override public int pickActor(int[] enabled, int current, int stepIndex) { return enabled[0]; }
            @Override public int pickValue(int bound) { return 0; }
            @Override public String name() { return "mine"; }
        };
        assertThat(s.limit().kind()).isEqualTo(Completeness.Kind.SAMPLED);
    }

    @Test
    void duration_writesTheCommandLinesUnits() {
        assertThat(Completeness.duration(120_000_000_000L)).isEqualTo("2m");
        assertThat(Completeness.duration(5_000_000_000L)).isEqualTo("5s");
        assertThat(Completeness.duration(500_000_000L)).isEqualTo("500ms");
    }
}
