package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sleep-set search split for every core ({@link OptimalStrategy#parallelSleepSets}, the CLI's
 * {@code --strategy dfs-sleep --workers N}): it must reach every end state of every interleaving,
 * also where a step's footprint depends on a value it reads (Scripted's COND, where both DPOR
 * searches miss some: docs/explorer.md, point 7), it must be a proof (no unproven cut), and its
 * counts must not depend on the number of workers.
 */
class SleepSetSplitSearchTest {
    /** What must not depend on the workers: schedules, pruned, steps, distinct end states, max depth, and each property's tally. */
    static List<Object> counts(Exploration x) {
        Stats st = x.stats();
        List<Object> out = new ArrayList<>(List.of(st.schedules(), st.pruned(), st.steps(), st.distinctEndStates(), st.maxDepth()));
        for (Tally t : x.tallies()) {
            out.add(t.property() + "=" + t.violating() + "/" + t.total());
        }
        return out;
    }

    @Test
    void split_randomProgramsWithConditionalWrites_everyEndState_aProof_sameCountsForAnyWorkers() {
        Random r = new Random(7);
        int rounds = 0;
        int withCond = 0;
        List<String> wrong = new ArrayList<>();
        while (rounds < 300) {
            List<List<Op>> s = ValueDependentFootprintsTest.randomProgram(r);
            ProgramFactory<Scripted> f = Scripted.factory("v", 4, s, List.of());
            if (!Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1),
                    Bounds.defaults().withMaxSchedules(20_000)).exhausted()) {
                continue;
            }
            rounds++;
            withCond += f.footprintsDependOnValues() ? 1 : 0;
            Set<String> all = ValueDependentFootprintsTest.everyInterleaving(s);
            ValueDependentFootprintsTest.Run one = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(1));
            ValueDependentFootprintsTest.Run two = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(2));
            ValueDependentFootprintsTest.Run three = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(3));
            if (!one.ends().equals(all)) {
                wrong.add("missed an end state: " + s);
            }
            if (!one.x().exhaustive() || !one.x().strategy().equals("dfs-sleep")) {
                wrong.add("not a proof (" + one.x().completeness().describe() + "): " + s);
            }
            for (ValueDependentFootprintsTest.Run w : List.of(two, three)) {
                if (!w.ends().equals(one.ends()) || !counts(w.x()).equals(counts(one.x()))) {
                    wrong.add("workers changed the result: " + counts(one.x()) + " vs " + counts(w.x()) + ": " + s);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(withCond).as("programs whose footprints depend on values read").isGreaterThan(100);
    }

    /** The two programs where dfs and dfs-optimal each miss an end state (ValueDependentFootprintsTest): the split sleep-set search does not. */
    @Test
    void split_theDporMissPrograms_everyEndState() {
        List<List<List<Op>>> programs = List.of(
                List.of(List.of(Op.cond(2, 0)), List.of(Op.lock(3), Op.inc(2)), List.of(Op.cond(1, 0))),
                List.of(List.of(Op.cond(1, 0)), List.of(Op.cond(0, 2)), List.of(Op.inc(1)), List.of(Op.inc(2))));
        for (List<List<Op>> s : programs) {
            Set<String> all = ValueDependentFootprintsTest.everyInterleaving(s);
            assertThat(ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(2)).ends()).as(s.toString()).isEqualTo(all);
            assertThat(ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(1)).x().exhaustive()).isTrue();
        }
    }
}
