package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorations;
import fputsim.explore.Explorer;
import fputsim.explore.SplitSearch;
import fputsim.explore.Tally;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split search by work stealing on the kernel model: 1, 2 and 4 workers, each twice, give the
 * same counts, end states, verdicts and counterexamples on every scenario and several variants,
 * and the same complete schedules, end states and violating counts as the sequential optimal
 * search; stopping at the first violation, the same first counterexample every time.
 */
class ParallelSearchModelTest {
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", null}, {"05", null}, {"06", null},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=2"}, {"03", "jobs=2,iodepth=1"},
    };
    static final List<String> VARIANTS = List.of("baseline-6.18", "exit-cancel-2026", "fput-sync");

    @Test
    void splitSearch_oneTwoFourWorkersRepeated_sameAsEachOtherAndAsSequential() {
        for (String[] c : CASES) {
            for (String v : VARIANTS) {
                ModelFactory f = factory(c, v);
                Exploration seq = Explorer.quiet().explore(f, new OptimalStrategy(), Bounds.defaults());
                String one = null;
                for (int rep = 0; rep < 2; rep++) {
                    for (int w : new int[]{1, 2, 4}) {
                        Exploration x = SplitSearch.explore(f, Bounds.defaults(), w, 0, 1, SplitSearch.DEFAULT_PREFIXES, () -> 0L,
                                () -> false, s -> { }, Integer.MAX_VALUE).exploration();
                        String d = Explorations.describe(x);
                        one = one == null ? d : one;
                        assertThat(d).as("%s %s %s, %d workers, repeat %d", c[0], c[1], v, w, rep).isEqualTo(one);
                        assertThat(x.exhausted()).isTrue();
                        assertThat(x.stats().schedules()).as("%s %s %s", c[0], c[1], v).isEqualTo(seq.stats().schedules());
                        assertThat(x.stats().distinctEndStates()).isEqualTo(seq.stats().distinctEndStates());
                        for (int i = 0; i < x.tallies().size(); i++) {
                            Tally t = x.tallies().get(i);
                            assertThat(t.verdict()).as("%s %s %s %s", c[0], c[1], v, t.property()).isEqualTo(seq.tallies().get(i).verdict());
                            assertThat(t.violating()).isEqualTo(seq.tallies().get(i).violating());
                        }
                    }
                }
            }
        }
    }

    @Test
    void splitSearch_stopAtFirstViolation_sameCounterexampleOnAnyWorkers() {
        ModelFactory f = factory(new String[]{"03", "jobs=2,iodepth=1"}, "baseline-6.18");
        Bounds stop = Bounds.defaults().withStopOnViolation(true);
        String one = null;
        for (int rep = 0; rep < 2; rep++) {
            for (int w : new int[]{1, 2, 4}) {
                Exploration x = SplitSearch.explore(f, stop, w, 0, 1, SplitSearch.DEFAULT_PREFIXES, () -> 0L, () -> false, s -> { },
                        Integer.MAX_VALUE).exploration();
                assertThat(x.stopped()).isEqualTo("violation");
                String d = Explorations.describe(x);
                one = one == null ? d : one;
                assertThat(d).as("%d workers, repeat %d", w, rep).isEqualTo(one);
            }
        }
    }

    static ModelFactory factory(String[] c, String variant) {
        return new ModelFactory(Scenarios.find(c[0]), c[1] == null ? Scenarios.find(c[0]).defaults() : ScenarioConfig.parse(c[1]),
                Variants.find(variant));
    }
}
