package fputsim.explore;

import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OptimalStrategy's race listener (the diagnostics behind `Counts races`): on programs where the
 * search starts no blocked schedule, every trace but the first comes from one new wakeup
 * sequence, and each race it reports is on a key the two steps share (or was probed).
 */
class RaceListenerTest {
    @Test
    void onWakeup_randomPrograms_oneWakeupPerTraceAfterTheFirst_onSharedKeys() {
        Random r = new Random(29);
        long checked = 0;
        for (int round = 0; round < 60; round++) {
            List<List<Scripted.Op>> scripts = OptimalStrategyTest.randomScripts(r, 3, new int[]{0, 1, 2, 3, 4, 5});
            List<String> bad = new ArrayList<>();
            long[] wakeups = new long[1];
            OptimalStrategy s = new OptimalStrategy().onWakeup((a, b, probed) -> {
                wakeups[0]++;
                if (a.conflicts(b).isEmpty() && !probed) {
                    bad.add(a + " / " + b);
                }
            });
            Exploration x = Explorer.quiet().explore(Scripted.factory("rl" + round, 5, scripts, List.of()), s, Bounds.defaults());
            assertThat(x.exhausted()).isTrue();
            assertThat(bad).as("races on no shared key").isEmpty();
            if (x.stats().pruned() == 0) {
                assertThat(wakeups[0]).as("rl%d", round).isEqualTo(x.stats().schedules() - 1);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void conflicts_writeAgainstAnything_updateAgainstRead_eachOnce() {
        Footprint a = Footprint.of(new Object[]{"x"}, new Object[]{"y", "z"}, new Object[]{"u", "v"});
        Footprint b = Footprint.of(new Object[]{"y", "u"}, new Object[]{"x"}, new Object[]{"z", "v"});
        assertThat(a.conflicts(b)).containsExactly("y", "z", "x", "u");
        assertThat(Footprint.of(new Object[]{"x"}, new Object[0]).conflicts(Footprint.of(new Object[]{"x"}, new Object[0]))).isEmpty();
    }
}
