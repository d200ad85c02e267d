package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.RandomStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShrinkerTest {
    @Test
    void shrink_randomLostUpdate_endsWithOnePreemptionAndNoMoreSteps() {
        List<List<Op>> scripts = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ops.add(Op.inc(1 + a)); // private work
            }
            ops.add(Op.read(0));
            ops.add(Op.inc(0));
            scripts.add(ops);
        }
        ProgramFactory<Scripted> f = Scripted.factory("padded", 4, scripts, List.of(ExhaustiveStrategyTest.NO_LOST_UPDATE));
        Exploration x = Explorer.quiet().explore(f, new RandomStrategy(5, 1000), Bounds.defaults().withStopOnViolation(true));
        Execution failing = x.tally("NoLostUpdate").first();
        assertThat(failing).isNotNull();
        assertThat(failing.preemptions()).isGreaterThan(1);

        Shrinker.Result r = new Shrinker<>(f, 100, 5_000).shrink(failing, 0);
        assertThat(r.shrunk().violates(0)).isTrue();
        assertThat(r.shrunk().preemptions()).isEqualTo(1);
        assertThat(r.shrunk().steps()).isLessThanOrEqualTo(failing.steps());
        // the shrunk schedule replays strictly
        ReplayToken t = Replay.tokenOf(f, "random", 5, 100, r.shrunk());
        assertThat(Replay.run(f, ReplayToken.decode(t.encode())).execution().violates(0)).isTrue();
    }
}
