package fputsim.model.timed;

import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.Scenario03RetryingUmount;
import fputsim.model.scenario.ScenarioConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Monte Carlo over timed runs of scenario 03r (the harness's retrying umount): for each harness
 * delay, the share of runs whose first umount saw EBUSY and the distribution of the window (wait
 * returned to the last EBUSY). Run i uses the same seed at every delay (common random numbers:
 * per-actor streams keep the kernel's latencies the same, so only the delay differs).
 */
public final class MonteCarlo {
    /** The delays of the sweep, in ms. */
    public static final List<Double> SWEEP_MS = List.of(0.0, 1.0, 2.0, 5.0, 10.0, 50.0, 100.0);
    /** Enough for the longest window seen on the real kernel (87 ms) plus the 5 s bound's margin. */
    static final long TIME_LIMIT_NS = 6_000_000_000L;

    private MonteCarlo() {
    }

    /** What the runs at one delay gave. windowsMs holds busy runs only, sorted. */
    public record Point(double delayMs, int runs, int busy, double[] windowsMs, double[] killToWaitMs) {
        public double busyRate() {
            return runs == 0 ? 0 : (double) busy / runs;
        }

        public double windowQuantile(double q) {
            return quantile(windowsMs, q);
        }

        public double killToWaitMedian() {
            return quantile(killToWaitMs, 0.5);
        }
    }

    public static ModelFactory factory(ScenarioConfig c, Variant v) {
        return new ModelFactory(new Scenario03RetryingUmount(), c, v);
    }

    /** The runs' seeds: drawn from {@code seed}, the same list for every delay. */
    static long[] seeds(long seed, int runs) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] s = new long[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = r.nextLong();
        }
        return s;
    }

    public static Point at(ModelFactory f, TimedParams p, double delayMs, int runs, long seed) {
        TimedDriver d = new TimedDriver(p.with(TimedParam.HARNESS_DELAY_US, delayMs * 1000), TIME_LIMIT_NS);
        int busy = 0;
        List<Double> windows = new ArrayList<>();
        double[] k2w = new double[runs];
        int n = 0;
        for (long s : seeds(seed, runs)) {
            TimedRun r = d.run(f, s);
            long wait = r.waitReturnedNs();
            k2w[n++] = wait < 0 ? Double.NaN : (wait - r.killNs()) / 1e6;
            if (r.busy()) {
                busy++;
                windows.add(r.windowNs() / 1e6);
            }
        }
        double[] w = windows.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] kw = Arrays.stream(k2w).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return new Point(delayMs, runs, busy, w, kw);
    }

    public static List<Point> sweep(ModelFactory f, TimedParams p, List<Double> delaysMs, int runs, long seed) {
        List<Point> out = new ArrayList<>();
        for (double d : delaysMs) {
            out.add(at(f, p, d, runs, seed));
        }
        return out;
    }

    /** Linear-interpolated quantile of a sorted array; NaN when empty. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
