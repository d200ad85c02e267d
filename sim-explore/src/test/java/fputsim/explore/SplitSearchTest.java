package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split search: any number of workers and any sharding give the same counts, end states,
 * verdicts and counterexamples, the same number of complete schedules as the sequential optimal
 * search, and every one of its traces (compared one by one).
 */
class SplitSearchTest {
    static final Property<Scripted> ODD = Scripted.property("Odd", "odd", (p, m) -> m == Moment.AFTER_STEP || p.vars[0] % 2 == 0);

    @Test
    void explore_anyWorkersAndShards_sameResultAsOneWorker() {
        Random r = new Random(5);
        for (int round = 0; round < 60; round++) {
            List<List<Op>> scripts = OptimalStrategyTest.randomScripts(r, 3, new int[]{0, 1, 2, 3, 4, 5});
            ProgramFactory<Scripted> f = Scripted.factory("split" + round, 5, scripts, List.of(ODD));
            Exploration seq = Explorer.quiet().explore(f, new OptimalStrategy(), Bounds.defaults());
            Exploration split = run(f, 1, 0, 1).exploration();
            String one = Explorations.describe(split);
            assertThat(split.stats().schedules()).as("%s", scripts).isEqualTo(seq.stats().schedules());
            assertThat(split.stats().distinctEndStates()).isEqualTo(seq.stats().distinctEndStates());
            assertThat(split.tally("Odd").verdict()).isEqualTo(seq.tally("Odd").verdict());
            Set<Set<String>> traces = OptimalStrategyTest.traceKeys(f, new OptimalStrategy());
            Set<Set<String>> reached = new HashSet<>();
            for (SplitSearch.Prefix p : SplitSearch.prefixes(f, 2000, 8)) {
                reached.addAll(OptimalStrategyTest.traceKeys(f, OptimalStrategy.subtree(p.decisions(), p.sleep())));
            }
            assertThat(reached).as("traces of %s", scripts).isEqualTo(traces);
            for (int workers : new int[]{2, 3}) {
                assertThat(Explorations.describe(run(f, workers, 0, 1).exploration())).as("%d workers, %s", workers, scripts).isEqualTo(one);
            }
            for (int n : new int[]{2, 3}) {
                Summary[] parts = null;
                for (int i = 0; i < n; i++) {
                    SplitSearch.Result shard = run(f, 2, i, n);
                    if (parts == null) {
                        parts = new Summary[shard.parts().length];
                    }
                    for (int k = 0; k < parts.length; k++) {
                        if (shard.parts()[k] != null) {
                            assertThat(parts[k]).isNull();
                            parts[k] = shard.parts()[k];
                        }
                    }
                }
                Exploration merged = SplitSearch.merge(parts, 1).exploration(f, "dfs-optimal", Bounds.defaults(), 0, true, null);
                assertThat(Explorations.describe(merged)).as("%d shards, %s", n, scripts).isEqualTo(one);
            }
        }
    }

    @Test
    void explore_parallelStrategyThroughTheExplorer_sameCountsAsSequential() {
        List<List<Op>> s = List.of(List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)),
                List.of(Op.update(1), Op.read(1)));
        ProgramFactory<Scripted> f = Scripted.factory("inc3", 2, s, List.of(ODD));
        Exploration seq = Explorer.quiet().explore(f, new OptimalStrategy(), Bounds.defaults());
        Exploration par = Explorer.quiet().explore(f, OptimalStrategy.parallel(2), Bounds.defaults());
        assertThat(par.exhausted()).isTrue();
        assertThat(par.stats().schedules()).isEqualTo(seq.stats().schedules());
        assertThat(par.stats().distinctEndStates()).isEqualTo(seq.stats().distinctEndStates());
        assertThat(par.tally("Odd").violating()).isEqualTo(seq.tally("Odd").violating());
    }

    @Test
    void prefixes_dependOnTheProgramOnly() {
        List<List<Op>> s = List.of(List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)));
        ProgramFactory<Scripted> f = Scripted.factory("inc3", 1, s, List.of());
        List<SplitSearch.Prefix> a = SplitSearch.prefixes(f, 2000, 8);
        List<SplitSearch.Prefix> b = SplitSearch.prefixes(f, 2000, 8);
        assertThat(a.size()).isGreaterThanOrEqualTo(8);
        assertThat(a.stream().map(p -> Arrays.toString(p.decisions())).toList())
                .isEqualTo(b.stream().map(p -> Arrays.toString(p.decisions())).toList());
    }

    static SplitSearch.Result run(ProgramFactory<Scripted> f, int workers, int shard, int shards) {
        return SplitSearch.explore(f, Bounds.defaults(), workers, shard, shards, 8, () -> 0L, () -> false, x -> { }, 1000);
    }
}
