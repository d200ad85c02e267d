package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorations;
import fputsim.explore.Explorer;
import fputsim.explore.SplitSearch;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sleep-set search split for every core ({@code --strategy dfs-sleep --workers N}) on the kernel
 * model: 1, 2 and 3 workers, each twice, give the same counts, end states, verdicts and
 * counterexamples; every run is exhaustive (a proof: no unproven cut, unlike DPOR's,
 * docs/explorer.md point 7); and it agrees with the unsplit sleep-set search on the verdicts, the
 * violating counts' zero or not, and the distinct end states.
 */
class SleepSetSplitModelTest {
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", "jobs=1,iodepth=1"}, {"05", "jobs=1,iodepth=1"},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=2"},
    };
    static final List<String> VARIANTS = List.of("baseline-6.18", "exit-cancel-2026", "release-wait-naive");

    @Test
    void sleepSetSplit_oneTwoThreeWorkersRepeated_sameAsEachOther_aProof_agreesWithTheUnsplitSearch() {
        int cases = 0;
        for (String[] c : CASES) {
            for (String v : VARIANTS) {
                ModelFactory f = ParallelSearchModelTest.factory(c, v);
                Exploration seq = Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1), Bounds.defaults());
                assertThat(seq.exhaustive()).as("%s %s %s", c[0], c[1], v).isTrue();
                String one = null;
                for (int rep = 0; rep < 2; rep++) {
                    for (int w : new int[]{1, 2, 3}) {
                        Exploration x = SplitSearch.explore(f, Bounds.defaults(), w, 0, 1, SplitSearch.DEFAULT_PREFIXES, () -> 0L,
                                () -> 0L, () -> false, s -> { }, Integer.MAX_VALUE, true).exploration();
                        String at = String.format("%s %s %s, %d workers, repeat %d", c[0], c[1], v, w, rep);
                        String d = Explorations.describe(x);
                        one = one == null ? d : one;
                        assertThat(d).as(at).isEqualTo(one);
                        assertThat(x.strategy()).isEqualTo("dfs-sleep");
                        assertThat(x.exhaustive()).as(at + ": " + x.completeness().describe()).isTrue();
                        assertThat(x.stats().distinctEndStates()).as(at).isEqualTo(seq.stats().distinctEndStates());
                        for (int i = 0; i < x.tallies().size(); i++) {
                            Tally t = x.tallies().get(i);
                            Tally s = seq.tallies().get(i);
                            assertThat(t.verdict()).as("%s %s", at, t.property()).isEqualTo(s.verdict());
                            assertThat(t.violating() > 0).isEqualTo(s.violating() > 0);
                        }
                    }
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(CASES.length * VARIANTS.size());
        // the dispatch the CLI takes for --strategy dfs-sleep --workers 2
        Exploration viaExplorer = Explorer.quiet().explore(ParallelSearchModelTest.factory(CASES[5], "exit-cancel-2026"),
                OptimalStrategy.parallelSleepSets(2), Bounds.defaults());
        assertThat(viaExplorer.exhaustive()).isTrue();
        assertThat(viaExplorer.strategy()).isEqualTo("dfs-sleep");
    }
}
