package fputsim.model.timed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fputsim.model.scenario.ScenarioConfig;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 16's target table (finding 10): the intervals and the verdicts, on hand-made measurements. */
class CalibrationTest {
    static final ScenarioConfig SEED = ScenarioConfig.defaults().withSize(12, 2);

    @Test
    void wilson_knownValues() {
        double[] w = Calibration.wilson(21, 27); // docs/timed.md's delay-0 rate
        assertThat(w[0]).isCloseTo(0.592, within(0.001));
        assertThat(w[1]).isCloseTo(0.894, within(0.001));
        double[] none = Calibration.wilson(0, 27);
        assertThat(none[0]).isZero();
        assertThat(none[1]).isCloseTo(0.125, within(0.001));
        assertThat(Calibration.wilson(27, 27)[1]).isEqualTo(1.0);
        assertThat(Calibration.wilson(0, 0)).containsExactly(0, 1);
    }

    /** Binomial(27, 1/2): P(X <= 7) = 0.0096, P(X <= 8) = 0.026, so the ranks are 8 and 20. */
    @Test
    void medianInterval_orderStatistics() {
        double[] xs = IntStream.rangeClosed(1, 27).asDoubleStream().toArray();
        assertThat(Calibration.medianInterval(xs)).containsExactly(8, 20);
        assertThat(Calibration.medianInterval(new double[] {1, 2, 3, 4, 5})[0]).isNaN(); // P(X = 0) = 1/32 > 0.025
        assertThat(Calibration.medianInterval(new double[] {1, 2, 3, 4, 5, 6})).containsExactly(1, 6);
        assertThat(Calibration.medianInterval(new double[0])[0]).isNaN();
    }

    static Calibration.Measured measured(String label, ScenarioConfig c, double delay, int tested, double... windows) {
        return new Calibration.Measured(label, c, delay, tested, windows.length, windows, new double[] {4});
    }

    static MonteCarlo.Point point(double delay, int runs, double... windows) {
        return new MonteCarlo.Point(delay, runs, windows.length, windows, new double[] {4});
    }

    @Test
    void targets_busyRowsOnTheFittedConfiguration_medianRowsElsewhere() {
        Calibration.Measured fit = measured("seed-delay-0ms", SEED, 0, 10, 5, 5, 6, 6, 6, 7, 7, 8); // 8/10
        Calibration.Measured d5 = measured("seed-delay-5ms", SEED, 5, 10, 9, 9, 9, 9); // 4/10
        Calibration.Measured jobs4 = measured("jobs4", SEED.withSize(4, 2), 0, 10, 10, 10, 10, 10);
        Calibration.Measured direct = measured("direct", ScenarioConfig.parse("jobs=12,iodepth=2,direct=1"), 0, 10, 10, 10, 10, 10);
        List<Calibration.Comparison> cs = List.of(
                new Calibration.Comparison(d5, point(5, 10, 1, 1), false), // busy 0.2 against 0.4: -20 points
                new Calibration.Comparison(fit, point(0, 10, 1, 1, 1, 1, 1, 1, 1), true), // 0.7 against 0.8: -10 points
                new Calibration.Comparison(jobs4, point(0, 10, 13, 13), false), // x1.3: on the edge
                new Calibration.Comparison(direct, point(0, 10), false)); // never busy: no median
        List<Calibration.Target> ts = Calibration.targets(cs, fit);
        assertThat(ts).extracting(t -> t.comparison().measured().label()).containsExactly("seed-delay-0ms", "seed-delay-5ms", "jobs4", "direct");
        assertThat(ts).extracting(Calibration.Target::kind).containsExactly(Calibration.Target.Kind.BUSY, Calibration.Target.Kind.BUSY,
                Calibration.Target.Kind.MEDIAN, Calibration.Target.Kind.MEDIAN);
        assertThat(ts).extracting(Calibration.Target::pass).containsExactly(true, false, true, false);
        assertThat(ts.get(0).error()).isCloseTo(-10, within(1e-9));
        assertThat(ts.get(1).error()).isCloseTo(-20, within(1e-9));
        assertThat(ts.get(2).error()).isCloseTo(1.3, within(1e-9));
        assertThat(ts.get(0).interval()).isEqualTo(Calibration.wilson(8, 10));
        assertThat(ts.get(3).error()).isNaN();
    }
}
