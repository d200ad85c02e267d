package fputsim.model.timed;

import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.ScenarioConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fits the latency parameters marked "fitted" in {@link TimedParam} to one real-kernel
 * configuration, by coordinate descent on a log scale with common random numbers (the same seeds
 * for every candidate), and measures the fitted model against configurations it was not fitted
 * on. The loss compares what the harness measures: the busy rate, the window's quartiles (log
 * scale), the share of long windows (the exit work's retry mode) and the median time from the kill
 * to wait returning. The busy rate is reported but not fitted: the model starts with every request
 * in flight, so it cannot produce the real runs' iterations without EBUSY (docs/timed.md).
 */
public final class Calibration {
    /** The parameters the fit moves; everything else keeps its documented source. */
    public static final List<TimedParam> FITTED = List.of(TimedParam.TASK_STEP_US, TimedParam.EXIT_MM_LAST_US,
            TimedParam.KWORKER_STEP_US, TimedParam.TIMER_LATE_US, TimedParam.IO_BUFFERED_US);
    /** A window longer than this is in the exit work's retry mode (one HZ/20 wait = 48 ms at HZ=250). */
    public static final double LONG_WINDOW_MS = 30;
    private static final double[] STEPS = {0.5, 0.7, 1.4, 2.0};
    /** Candidates (us) for a parameter at 0. */
    private static final double[] FROM_ZERO = {100, 300, 1000, 3000};

    private Calibration() {
    }

    /** One real-kernel run: its configuration, harness delay and what the helper recorded. */
    public record Measured(String label, ScenarioConfig config, double delayMs, int tested, int busy,
                           double[] windowsMs, double[] killToWaitMs) {
        public double busyRate() {
            return tested == 0 ? 0 : (double) busy / tested;
        }

        public double windowMedian() {
            return MonteCarlo.quantile(windowsMs, 0.5);
        }

        public double longShare() {
            return share(windowsMs);
        }
    }

    static double share(double[] windows) {
        if (windows.length == 0) {
            return 0;
        }
        int n = 0;
        for (double w : windows) {
            if (w > LONG_WINDOW_MS) {
                n++;
            }
        }
        return (double) n / windows.length;
    }

    /** The distance between a prediction and a measurement (0 is a perfect match). */
    public static double loss(MonteCarlo.Point p, Measured m) {
        double l = sq((share(p.windowsMs()) - m.longShare()) / 0.1);
        for (double q : new double[] {0.25, 0.5, 0.75}) {
            l += sq(logRatio(p.windowQuantile(q), MonteCarlo.quantile(m.windowsMs(), q)));
        }
        l += sq(logRatio(p.killToWaitMedian(), MonteCarlo.quantile(m.killToWaitMs(), 0.5)));
        return l;
    }

    /** The fitted parameters and the loss they reach. */
    public record Fit(TimedParams params, double loss, int evaluations) {
    }

    public static Fit fit(Measured target, TimedParams start, Variant v, int runs, long seed, Consumer<String> log) {
        ModelFactory f = MonteCarlo.factory(target.config(), v);
        TimedParams best = start;
        double bestLoss = loss(MonteCarlo.at(f, best, target.delayMs(), runs, seed), target);
        int evals = 1;
        log.accept(String.format("start loss %.3f", bestLoss));
        for (int round = 0; round < 4; round++) {
            boolean improved = false;
            for (TimedParam p : FITTED) {
                double base = best.get(p);
                for (double s : base > 0 ? STEPS : FROM_ZERO) {
                    TimedParams cand = best.with(p, Math.round((base > 0 ? base * s : s) * 10) / 10.0);
                    double l = loss(MonteCarlo.at(f, cand, target.delayMs(), runs, seed), target);
                    evals++;
                    if (l < bestLoss - 1e-9) {
                        bestLoss = l;
                        best = cand;
                        improved = true;
                        log.accept(String.format("round %d: %s=%s loss %.3f", round + 1, p.key, TimedParams.fmt(cand.get(p)), l));
                    }
                }
            }
            if (!improved) {
                break;
            }
        }
        // io_direct_us is not fitted: the same device, assumed the same residual latency
        return new Fit(best.with(TimedParam.IO_DIRECT_US, best.get(TimedParam.IO_BUFFERED_US)), bestLoss, evals);
    }

    /** A fitted model's prediction next to one measurement. */
    public record Comparison(Measured measured, MonteCarlo.Point predicted, boolean usedForFit) {
    }

    public static List<Comparison> compare(List<Measured> runs, List<Measured> fittedOn, TimedParams p, Variant v,
                                           int mcRuns, long seed) {
        List<Comparison> out = new ArrayList<>();
        for (Measured m : runs) {
            MonteCarlo.Point pt = MonteCarlo.at(MonteCarlo.factory(m.config(), v), p, m.delayMs(), mcRuns, seed);
            out.add(new Comparison(m, pt, fittedOn.contains(m)));
        }
        return out;
    }

    private static double logRatio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) == Double.isNaN(b) ? 0 : 2;
        }
        return Math.log(Math.max(a, 0.05) / Math.max(b, 0.05));
    }

    private static double sq(double x) {
        return x * x;
    }
}
