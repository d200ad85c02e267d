package fputsim.explore;

import fputsim.explore.strategy.RandomStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision log records what a schedule chose, and its token replays what the Runner ran. */
class DecisionLogTest {
    @Test
    void log_recordsActorsAndRealChoicesOnly_inOrder() {
        DecisionLog log = new DecisionLog();
        log.actor(2);
        assertThat(log.choose(1, b -> { throw new AssertionError("a choice of one value is not drawn"); })).isZero();
        assertThat(log.choose(3, b -> b - 1)).isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            log.actor(i % 4); // past the first growth
        }
        assertThat(log.size()).isEqualTo(102);
        assertThat(log.decisions()).startsWith(2, 2, 0, 1, 2, 3);
        assertThatThrownBy(() -> log.choose(0, b -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("choose bound must be positive: 0");
    }

    @Test
    void token_ofTheRunnersDecisions_isTheTokenReplayGives() {
        ProgramFactory<Scripted> f = ExhaustiveStrategyTest.increments(3);
        Runner<Scripted> runner = new Runner<>(f, 100);
        RandomStrategy random = new RandomStrategy(5, 10);
        while (random.beginSchedule()) {
            Execution e = runner.run(random);
            DecisionLog log = new DecisionLog();
            for (int d : e.decisions()) {
                log.actor(d);
            }
            ReplayToken t = log.token(f, "random", random.scheduleSeed(), 100);
            assertThat(t.encode()).isEqualTo(Replay.tokenOf(f, "random", random.scheduleSeed(), 100, e).encode());
            assertThat(Replay.run(f, t).execution().decisions()).isEqualTo(e.decisions());
        }
    }
}
