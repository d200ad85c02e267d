package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.StatefulStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateful search (sleep sets with state matching, symmetry) against the unreduced stateless
 * one: the same end states and the same verdict for every property, on random programs.
 */
class StatefulSearchTest {
    private static final StatefulStrategy.Options PLAIN = new StatefulStrategy.Options(false, 128, 1_000_000);

    /** Random lock/read/inc/set scripts with state properties: a safety one, one at quiescence, deadlock. */
    @Test
    void explore_randomScripts_sameEndStatesAndVerdictsAsEveryInterleaving() {
        Random r = new Random(5);
        int fewer = 0;
        for (int round = 0; round < 150; round++) {
            List<List<Op>> scripts = randomScripts(r);
            Compared c = compare("s" + round, scripts, PLAIN);
            assertThat(c.stateful).as("round %d: %s", round, scripts).isEqualTo(c.full);
            fewer += c.statefulSteps < c.fullSteps ? 1 : 0;
        }
        assertThat(fewer).as("state matching cut some search").isGreaterThan(50);
    }

    @Test
    void explore_hashCompactionAndATinyTable_sameResults() {
        Random r = new Random(9);
        for (int round = 0; round < 60; round++) {
            List<List<Op>> scripts = randomScripts(r);
            Compared c64 = compare("c" + round, scripts, new StatefulStrategy.Options(false, 64, 1_000_000));
            assertThat(c64.stateful).as("64-bit, round %d", round).isEqualTo(c64.full);
            Compared tiny = compare("t" + round, scripts, new StatefulStrategy.Options(false, 128, 3));
            assertThat(tiny.stateful).as("3 states stored, round %d", round).isEqualTo(tiny.full);
        }
    }

    @Test
    void explore_alwaysViolated_saysAlwaysNotSometimes() {
        // both actors set x to their id+1; x == 2 is reached, x == 1 or 2 at the end is always true
        List<List<Op>> scripts = List.of(List.of(Op.set(0, 1), Op.read(1)), List.of(Op.set(0, 2), Op.read(1)));
        Property<Scripted> someSet = Scripted.property("Unset", "set", (p, m) -> m != Moment.QUIESCENT || p.vars[0] == 0);
        Property<Scripted> two = Scripted.property("NotTwo", "two", (p, m) -> m != Moment.QUIESCENT || p.vars[0] != 2);
        ProgramFactory<Scripted> f = Scripted.factory("always", 2, scripts, List.of(someSet, two));
        Exploration x = Explorer.quiet().explore(f, new StatefulStrategy(PLAIN), Bounds.defaults());
        assertThat(x.exhaustive()).isTrue();
        assertThat(x.verdictWord(x.tally("Unset"))).isEqualTo("Always");
        assertThat(x.verdictWord(x.tally("NotTwo"))).isEqualTo("Sometimes");
        assertThat(x.tally("Unset").first().violates(0)).isTrue();
    }

    record Compared(List<String> full, List<String> stateful, long fullSteps, long statefulSteps) {
    }

    static List<List<Op>> randomScripts(Random r) {
        List<List<Op>> scripts = new ArrayList<>();
        int actors = 2 + r.nextInt(2);
        for (int a = 0; a < actors; a++) {
            List<Op> ops = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                int v = r.nextInt(3);
                switch (r.nextInt(6)) {
                    case 0 -> ops.add(Op.read(v));
                    case 1 -> ops.add(Op.inc(v));
                    case 2 -> { ops.add(Op.lock(3)); ops.add(Op.inc(v)); ops.add(Op.unlock(3)); }
                    case 3 -> ops.add(Op.lock(3 + r.nextInt(2)));
                    case 4 -> ops.add(Op.update(v));
                    default -> ops.add(Op.set(v, a + 1));
                }
            }
            scripts.add(ops);
        }
        return scripts;
    }

    /** End states (moment and variables) and verdict words of both searches. */
    static Compared compare(String id, List<List<Op>> scripts, StatefulStrategy.Options options) {
        Set<String> ends = new TreeSet<>();
        Property<Scripted> record = Scripted.property("Record", "x", (p, m) -> {
            if (m != Moment.AFTER_STEP) {
                ends.add(m + Arrays.toString(p.vars));
            }
            return true;
        });
        List<Property<? super Scripted>> props = List.of(record,
                Scripted.property("NeverTwo", "two", (p, m) -> p.vars[0] != 2),
                Scripted.property("OneAtEnd", "one", (p, m) -> m != Moment.QUIESCENT || p.vars[1] != 1),
                Scripted.property("NoDeadlock", "deadlock", (p, m) -> m != Moment.DEADLOCK));
        ProgramFactory<Scripted> f = Scripted.factory(id, 5, scripts, props);
        Exploration full = Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1), Bounds.defaults());
        List<String> a = new ArrayList<>(ends);
        a.addAll(words(full));
        ends.clear();
        Exploration st = Explorer.quiet().explore(f, new StatefulStrategy(options), Bounds.defaults());
        assertThat(st.exhaustive()).isTrue();
        List<String> b = new ArrayList<>(ends);
        b.addAll(words(st));
        return new Compared(a, b, full.stats().steps(), st.stats().steps());
    }

    static List<String> words(Exploration x) {
        List<String> out = new ArrayList<>();
        for (Tally t : x.tallies()) {
            out.add(t.property() + "=" + x.verdictWord(t));
        }
        return out;
    }
}
