package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.PctStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PctStrategyTest {
    /**
     * A depth-2 ordering bug: actor 0 sets x=1, works a while, then sets x=2; actor 1 checks x
     * and fails if it sees exactly 1. The check must come after the first set and before the
     * second: two ordering constraints.
     */
    static ProgramFactory<Scripted> orderingBug(int work) {
        List<Op> a = new ArrayList<>();
        a.add(Op.set(0, 1));
        for (int i = 0; i < work; i++) {
            a.add(Op.inc(1));
        }
        a.add(Op.set(0, 2));
        List<Op> b = List.of(Op.read(0));
        Property<Scripted> sawOne = Scripted.property("NeverSeesHalfInit", "half-init",
                (p, m) -> p.actors.get(1).pc == 0 || p.actors.get(1).register != 1);
        return Scripted.factory("order" + work, 2, List.of(a, b), List.of(sawOne));
    }

    @Test
    void pct_depthTwoBug_foundAtLeastAsOftenAsTheGuaranteePromises() {
        int work = 10;
        int k = work + 3; // steps of the whole program
        int runs = 2_000;
        PctStrategy pct = new PctStrategy(2, 42, runs, k);
        Exploration x = Explorer.quiet().explore(orderingBug(work), pct, Bounds.defaults());
        double promised = PctStrategy.perRunProbability(2, k, 2);
        double seen = (double) x.tally("NeverSeesHalfInit").violating() / x.stats().schedules();
        assertThat(x.stats().schedules()).isEqualTo(runs);
        assertThat(seen).isGreaterThanOrEqualTo(promised);
    }

    @Test
    void pct_depthTwoBug_foundWithinTheRunCountForNinetyNinePercent() {
        int work = 10;
        int k = work + 3;
        double p = PctStrategy.perRunProbability(2, k, 2);
        long runs = (long) Math.ceil(Math.log(0.01) / Math.log(1 - p));
        assertThat(PctStrategy.guarantee(2, k, 2, runs)).isGreaterThanOrEqualTo(0.99);
        for (long seed = 1; seed <= 20; seed++) {
            Exploration x = Explorer.quiet().explore(orderingBug(work), new PctStrategy(2, seed, runs, k),
                    Bounds.defaults().withStopOnViolation(true));
            assertThat(x.tally("NeverSeesHalfInit").violating()).as("seed %d within %d runs", seed, runs).isEqualTo(1);
        }
    }

    @Test
    void pct_depthOne_neverChangesPriorityAndStillTerminates() {
        Exploration x = Explorer.quiet().explore(orderingBug(3), new PctStrategy(1, 1, 50, 10), Bounds.defaults());
        assertThat(x.stats().schedules()).isEqualTo(50);
        // depth 1 runs each actor to completion: actor 1 sees 0 or 2, never 1
        assertThat(x.tally("NeverSeesHalfInit").verdict()).isEqualTo(Verdict.Never);
    }
}
