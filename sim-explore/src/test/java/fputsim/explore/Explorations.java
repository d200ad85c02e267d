package fputsim.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helpers on explorations, shared through sim-explore's test jar (sim-model's tests use it:
 * ParallelSearchModelTest compares its split and single searches by the same text).
 */
public final class Explorations {
    private Explorations() {
    }

    /**
     * Everything but times: the counts (schedules, pruned, steps, distinct end states, max depth,
     * exhausted), then per property its observation, the first counterexample's decisions, after
     * how many schedules, and the shortest counterexample's decisions. Two searches that found
     * the same describe the same.
     */
    public static String describe(Exploration x) {
        List<String> out = new ArrayList<>();
        Stats s = x.stats();
        out.add(s.schedules() + " " + s.pruned() + " " + s.steps() + " " + s.distinctEndStates() + " " + s.maxDepth() + " " + x.exhausted());
        for (Tally t : x.tallies()) {
            out.add(t.observation() + " first " + (t.first() == null ? "-" : Arrays.toString(t.first().decisions()))
                    + " after " + t.firstAfterSchedules()
                    + " shortest " + (t.shortest() == null ? "-" : Arrays.toString(t.shortest().decisions())));
        }
        return String.join("\n", out);
    }
}
