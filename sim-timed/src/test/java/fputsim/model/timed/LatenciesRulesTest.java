package fputsim.model.timed;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.model.ModelFactory;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link Latencies} matches a step the model produces: a rule whose named step was
 * renamed, re-numbered or dropped on the model side is a compile error there, and one whose step
 * the model no longer reaches (a changed scenario, a step moved to another function) fails here
 * instead of silently changing no latency.
 */
class LatenciesRulesTest {
    /** Timed runs of every configuration of TimedDriverTest (01-05 and 03r in seven), three seeds and delays each. */
    private static Set<Latencies.Rule> matchedOverTheModel() {
        Set<Latencies.Rule> seen = EnumSet.noneOf(Latencies.Rule.class);
        for (TimedParams p : new TimedParams[] {TimedParams.defaults(),
                // completions after the exit work's first pass: its HZ/20 timeout with references held
                TimedParams.defaults().with(TimedParam.IO_BUFFERED_US, 1_000_000)}) {
            for (ModelFactory f : TimedDriverTest.factories()) {
                for (long seed = 1; seed <= 3; seed++) {
                    TimedDriver d = new TimedDriver(p.with(TimedParam.HARNESS_DELAY_US, 1000 * (seed - 1)), TimedDriverTest.LIMIT, seen);
                    d.run(f, seed);
                }
            }
        }
        // fio's loop with the kill at a random time of it (issue 16 finding 6)
        TimedParams window = TimedParams.defaults().with(TimedParam.KILL_WINDOW_US, 5_000);
        new TimedDriver(window, TimedDriverTest.LIMIT, seen).run(TimedDriverTest.retrying(TimedDriverTest.SEED.withSize(2, 2).withFioLoop(64)), 1);
        return seen;
    }

    @Test
    void everyRule_matchesAStepTheModelProduces() {
        Set<Latencies.Rule> dead = EnumSet.allOf(Latencies.Rule.class);
        dead.removeAll(matchedOverTheModel());
        assertThat(dead).as("latency rules that match no step of any timed run").isEmpty();
    }

    /** The recording is what it says: a run of 03r alone never runs a forked command (scenario 03's umount(8)). */
    @Test
    void rulesMatched_retryingHarnessOnly_noForkExec() {
        Set<Latencies.Rule> seen = EnumSet.noneOf(Latencies.Rule.class);
        new TimedDriver(TimedParams.defaults(), TimedDriverTest.LIMIT, seen).run(TimedDriverTest.retrying(TimedDriverTest.SEED), 1);
        assertThat(seen).contains(Latencies.Rule.HARNESS_DELAY, Latencies.Rule.WAIT4_WOKEN, Latencies.Rule.IRQ_BUFFERED,
                Latencies.Rule.CPU_EXIT_MM_LAST_USER).doesNotContain(Latencies.Rule.FORK_EXEC, Latencies.Rule.IRQ_DIRECT);
    }
}
