package fputsim.explore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Explorer.stopBefore: the one stop rule of Explorer, StatefulSearch and SplitSearch's workers. */
class StopBeforeTest {
    final Bounds b = new Bounds(100, 10, 50, false);

    @Test
    void stopBefore_withinEveryBound_null() {
        assertThat(Explorer.stopBefore(b, () -> false, () -> 49, 0, 9)).isNull();
    }

    @Test
    void stopBefore_eachBound_itsWord() {
        assertThat(Explorer.stopBefore(b, () -> true, () -> 0, 0, 0)).isEqualTo("stopped");
        assertThat(Explorer.stopBefore(b, () -> false, () -> 0, 0, 10)).isEqualTo("schedule limit");
        assertThat(Explorer.stopBefore(b, () -> false, () -> 150, 100, 0)).isEqualTo("time limit");
    }

    @Test
    void stopBefore_severalAtOnce_stopThenSchedulesThenTime() {
        assertThat(Explorer.stopBefore(b, () -> true, () -> 99, 0, 10)).isEqualTo("stopped");
        assertThat(Explorer.stopBefore(b, () -> false, () -> 99, 0, 10)).isEqualTo("schedule limit");
    }

    @Test
    void stopBefore_noTimeLimit_neverTime() {
        assertThat(Explorer.stopBefore(new Bounds(100, 10, 0, false), () -> false, () -> Long.MAX_VALUE, 0, 0)).isNull();
    }
}
