package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.model.StatefulSearchModelTest.Run;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reduction can be switched off, and switching it off changes no answer (issue 15): on every
 * scenario and variant at the footprint audit's small sizes, optimal DPOR ({@code dfs-optimal}),
 * classic DPOR with sleep sets ({@code dfs}), and, where they finish within a few thousand
 * schedules, sleep sets alone ({@code dfs-sleep}) and no reduction at all ({@code dfs-nopor}) give
 * the same verdict word for every property and the same set of end states.
 *
 * <p>The unreduced search is out of reach for most of the model even at one job (scenario 03 1x1
 * runs over 990,000 interleavings in a minute without finishing): it is compared where it finishes,
 * and the test requires that it does so somewhere. The stateful search (sleep sets with state
 * matching, which visits every reachable state) is compared with optimal DPOR on the same
 * cases in {@link StatefulSearchModelTest}.
 */
class ReductionAgreementTest {
    static final long NOPOR_CAP = 300;
    static final long SLEEP_CAP = 1_000;
    /** The footprint audit's scenarios at their defaults, and scenario 03 at one job of depth 1 in four configurations. */
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", null}, {"05", null}, {"06", null}, {"07", null}, {"08", null}, {"09", null},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=1,defer=0"}, {"03", "jobs=1,iodepth=1,fixed=1"},
            {"03", "jobs=1,iodepth=1,engine=psync"},
    };

    @Test
    void everyScenarioAndVariant_reducedAndLessReducedSearchesGiveTheSameVerdictsAndEndStates() {
        List<String> disagreements = new ArrayList<>();
        int sleepCompared = 0;
        int noporCompared = 0;
        int cases = 0;
        for (String[] c : CASES) {
            for (String v : Variants.names()) {
                ModelFactory f = FootprintAuditTest.factory(c[0], c[1], v);
                String at = c[0] + " " + c[1] + " " + v;
                Run optimal = StatefulSearchModelTest.run(f, new OptimalStrategy());
                Run dpor = StatefulSearchModelTest.run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1));
                assertThat(optimal.x().completeness().finished() && dpor.x().completeness().finished()).as(at).isTrue();
                cases++;
                compare(at + " dfs", dpor, optimal, disagreements);
                Run sleep = StatefulSearchModelTest.run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1),
                        Bounds.defaults().withMaxSchedules(SLEEP_CAP));
                if (sleep.x().exhaustive()) {
                    sleepCompared++;
                    compare(at + " dfs-sleep", sleep, optimal, disagreements);
                }
                Run none = StatefulSearchModelTest.run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1),
                        Bounds.defaults().withMaxSchedules(NOPOR_CAP));
                if (none.x().exhaustive()) {
                    noporCompared++;
                    compare(at + " dfs-nopor", none, optimal, disagreements);
                }
            }
        }
        System.out.println("ReductionAgreementTest: " + cases + " cases, dfs-sleep finished in " + sleepCompared + ", dfs-nopor in " + noporCompared);
        assertThat(disagreements).isEmpty();
        assertThat(cases).isEqualTo(CASES.length * Variants.names().size());
        assertThat(sleepCompared).as("cases where sleep sets alone finished").isPositive();
        assertThat(noporCompared).as("cases where the unreduced search finished").isPositive();
    }

    private static void compare(String at, Run r, Run ref, List<String> out) {
        if (!r.words().equals(ref.words())) {
            out.add(at + ": verdicts " + r.words() + " vs dfs-optimal " + ref.words());
        }
        if (!r.ends().equals(ref.ends())) {
            out.add(at + ": " + r.ends().size() + " end states vs dfs-optimal " + ref.ends().size());
        }
    }
}
