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
 * The local-step rule of the sleep-set searches (docs/explorer.md, "Local steps"): a step that
 * touches nothing is the only one explored where it runs, a state where one sleeps is pruned, and
 * one found late is run first at the highest level where its actor waited. On random programs
 * with such steps (Scripted's LOCAL, whose register a later write puts out), among reads, writes,
 * locks, updates, awaits and value-dependent writes (COND): every end state of every interleaving
 * is reached, by the sequential and the split search, with the rule on and off; the rule changes
 * no count of complete schedules (sleep sets give one per trace either way); it is a proof; and
 * it does prune.
 */
class LocalStepsTest {
    private static final int[] KINDS = {0, 1, 2, 3, 4, 5, 8, 9, 9, 9};

    static List<List<Op>> randomProgram(Random r) {
        List<List<Op>> s = new ArrayList<>(OptimalStrategyTest.randomScripts(r, 3, KINDS));
        // an actor whose local steps come between its shared ones, so that others preempt it
        s.add(List.of(Op.local(), Op.read(r.nextInt(3)), Op.local(), Op.local(), Op.inc(r.nextInt(3))));
        return s;
    }

    @Test
    void localSteps_randomPrograms_everyEndState_sameCompleteCounts_aProof_fewerSchedules() {
        Random r = new Random(23);
        int rounds = 0;
        long startedOn = 0;
        long startedOff = 0;
        long prunes = 0;
        long restarts = 0;
        List<String> wrong = new ArrayList<>();
        while (rounds < 250) {
            List<List<Op>> s = randomProgram(r);
            ProgramFactory<Scripted> f = Scripted.factory("l", 4, s, List.of());
            if (!Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1),
                    Bounds.defaults().withMaxSchedules(20_000)).exhausted()) {
                continue;
            }
            rounds++;
            Set<String> all = ValueDependentFootprintsTest.everyInterleaving(s);
            ExhaustiveStrategy onStrategy = new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, true);
            ValueDependentFootprintsTest.Run on = ValueDependentFootprintsTest.run(s, onStrategy);
            ValueDependentFootprintsTest.Run off = ValueDependentFootprintsTest.run(s,
                    new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, false));
            ValueDependentFootprintsTest.Run split = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(1));
            ValueDependentFootprintsTest.Run split2 = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(2));
            ValueDependentFootprintsTest.Run splitOff = ValueDependentFootprintsTest.run(s, OptimalStrategy.parallelSleepSets(1, false));
            prunes += onStrategy.localPrunes();
            restarts += onStrategy.localRestarts();
            startedOn += on.x().stats().schedules() + on.x().stats().pruned();
            startedOff += off.x().stats().schedules() + off.x().stats().pruned();
            List<ValueDependentFootprintsTest.Run> runs = List.of(on, off, split, split2, splitOff);
            for (int k = 0; k < runs.size(); k++) {
                ValueDependentFootprintsTest.Run run = runs.get(k);
                if (!run.ends().equals(all)) {
                    wrong.add("search " + k + " missed an end state: " + s);
                }
                if (!run.x().exhaustive()) {
                    wrong.add("search " + k + " not a proof (" + run.x().completeness().describe() + "): " + s);
                }
                if (run.x().stats().schedules() != off.x().stats().schedules()) {
                    wrong.add("search " + k + ": " + run.x().stats().schedules() + " complete schedules, sleep sets alone "
                            + off.x().stats().schedules() + ": " + s);
                }
            }
            if (!SleepSetSplitSearchTest.counts(split2.x()).equals(SleepSetSplitSearchTest.counts(split.x()))) {
                wrong.add("workers changed the result: " + s);
            }
        }
        System.out.println("local steps: " + startedOn + " schedules started with the rule, " + startedOff
                + " without; " + prunes + " states pruned, " + restarts + " restarts");
        assertThat(wrong).isEmpty();
        // (the pruning of a state where a local step sleeps rarely fires in the unsplit search, which
        // never puts a local step to sleep; it does below a split, whose prefixes' sleep sets do)
        assertThat(restarts).isPositive();
        assertThat(startedOn).isLessThan(startedOff);
    }

    /**
     * The rule's three parts on one program: t0 runs a local step after a shared one, t1 and t2
     * write one variable. With the rule the search starts fewer schedules and reaches the same end
     * states and complete schedules.
     */
    @Test
    void localSteps_smallProgram_fewerSchedules_sameEnds() {
        List<List<Op>> s = List.of(
                List.of(Op.read(0), Op.local(), Op.local(), Op.inc(1)),
                List.of(Op.inc(0), Op.local(), Op.set(1, 5)),
                List.of(Op.local(), Op.set(0, 7)));
        ValueDependentFootprintsTest.Run on = ValueDependentFootprintsTest.run(s, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, true));
        ValueDependentFootprintsTest.Run off = ValueDependentFootprintsTest.run(s, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1, false));
        assertThat(on.ends()).isEqualTo(ValueDependentFootprintsTest.everyInterleaving(s)).isEqualTo(off.ends());
        assertThat(on.x().stats().schedules()).isEqualTo(off.x().stats().schedules());
        assertThat(on.x().stats().schedules() + on.x().stats().pruned())
                .isLessThan(off.x().stats().schedules() + off.x().stats().pruned());
    }
}
