package fputsim.explore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line says how far a long search is, in figures a reader can act on, also far out of reach. */
class StatsTest {
    static final long S = 1_000_000_000L;

    @Test
    void progressLine_halfway_fractionEstimateAndEta() {
        Stats s = new Stats(500, 2, 40_000, 1, 80, 30 * S, 0.5);
        assertThat(s.progressLine()).isEqualTo(
                "Progress: 500 schedules (2 pruned), 1 distinct end states, depth 80, 17 schedules/s, ~50.0% explored (~1000 schedules in all), ETA 30 s");
    }

    @Test
    void progressLine_outOfReach_significantDigitsAndYears() {
        // 40,677 schedules in 60 s at 3.1e-11 of the tree: about 1.3e15 in all, 61,000 years to go
        Stats s = new Stats(40_677, 0, 19_000_000, -1, 524, 60 * S, 3.1e-11);
        assertThat(s.progressLine()).isEqualTo(
                "Progress: 40677 schedules (0 pruned), depth 524, 678 schedules/s, ~3.1e-09% explored (~1.3e+15 schedules in all), ETA 6.1e+04 years");
    }

    @Test
    void duration_units() {
        assertThat(Stats.duration(90.0 * S)).isEqualTo("90 s");
        assertThat(Stats.duration(3000.0 * S)).isEqualTo("50 min");
        assertThat(Stats.duration(36_000.0 * S)).isEqualTo("10 h");
        assertThat(Stats.duration(30 * 86_400.0 * S)).isEqualTo("30 d");
        assertThat(Stats.duration(1e9 * 31_557_600.0 * S)).isEqualTo("1.0e+09 years");
    }

    @Test
    void progressLine_noFraction_noEstimate() {
        assertThat(new Stats(7, 0, 70, 2, 10, S).progressLine()).isEqualTo("Progress: 7 schedules (0 pruned), 2 distinct end states, depth 10, 7 schedules/s");
    }
}
