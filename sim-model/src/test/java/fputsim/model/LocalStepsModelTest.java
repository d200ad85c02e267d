package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.SplitSearch;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sleep-set search's local-step rule on the kernel model (docs/explorer.md, "Local steps"):
 * with the rule on and off, unsplit and split on 2 workers, every scenario at a small size and
 * every variant give the same verdicts, the same violating and complete-schedule counts (one
 * schedule per trace either way), the same distinct end states, and all are exhaustive; with the
 * rule the search starts fewer schedules.
 */
class LocalStepsModelTest {
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", "jobs=1,iodepth=1"}, {"05", "jobs=1,iodepth=1"}, {"06", null}, {"07", null},
            {"08", "jobs=1,iodepth=1"}, {"09", "jobs=1,iodepth=1"},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=2"}, {"03", "jobs=1,iodepth=1,defer=0,iowq=1"},
            {"03", "jobs=1,iodepth=1,sqpoll=1,defer=0"},
    };

    static List<Object> verdicts(Exploration x) {
        List<Object> out = new ArrayList<>(List.of(x.stats().schedules(), x.stats().distinctEndStates(), x.exhaustive()));
        for (Tally t : x.tallies()) {
            out.add(t.property() + " " + t.verdict() + " " + t.violating() + "/" + t.total());
        }
        return out;
    }

    @Test
    void localSteps_everyScenarioAndVariant_sameVerdictsCountsAndEndStates_fewerSchedules() {
        long startedOn = 0;
        long startedOff = 0;
        int cases = 0;
        for (String[] c : CASES) {
            for (String v : Variants.names()) {
                ModelFactory f = ParallelSearchModelTest.factory(c, v);
                String at = c[0] + " " + c[1] + " " + v;
                Exploration off = Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, false), Bounds.defaults());
                Exploration on = Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, true), Bounds.defaults());
                Exploration split = SplitSearch.explore(f, Bounds.defaults(), 2, 0, 1, SplitSearch.DEFAULT_PREFIXES, () -> 0L,
                        () -> 0L, () -> false, s -> { }, Integer.MAX_VALUE, true, true).exploration();
                assertThat(off.exhaustive()).as(at).isTrue();
                assertThat(verdicts(on)).as(at + ", rule on").isEqualTo(verdicts(off));
                assertThat(verdicts(split)).as(at + ", split, rule on").isEqualTo(verdicts(off));
                startedOn += on.stats().schedules() + on.stats().pruned();
                startedOff += off.stats().schedules() + off.stats().pruned();
                cases++;
            }
        }
        System.out.println("local steps on the model: " + startedOn + " schedules started with the rule, " + startedOff + " without");
        assertThat(cases).isEqualTo(CASES.length * Variants.names().size());
        assertThat(startedOn).isLessThan(startedOff);
    }
}
