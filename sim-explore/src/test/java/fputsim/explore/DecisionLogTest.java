package fputsim.explore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision log records what a schedule chose (ReplayTest: its token is the one the Runner's schedule replays by). */
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
}
