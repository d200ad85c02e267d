package fputsim.explore.strategy;

import fputsim.explore.Completeness;
import fputsim.explore.Strategy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS
 * 2010). Each schedule gives the actors random distinct priorities (all at least {@code depth}),
 * picks {@code depth - 1} change points uniformly among the first {@code k} steps, always runs
 * the highest-priority enabled actor, and at the j-th change point lowers the running actor's
 * priority to {@code depth - j}. For a bug of depth {@code d} in a program of {@code n} actors
 * and at most {@code k} steps, one schedule finds it with probability at least
 * {@code 1 / (n * k^(d-1))}; {@link #guarantee} turns that into a bound for a number of runs.
 * Data choices are uniform. {@code k} is the longest schedule seen so far (the first schedule
 * uses the estimate given).
 */
public final class PctStrategy implements Strategy {
    private final int depth;
    private final SplittableRandom seeds;
    private final long schedules;
    private long begun;
    private int k;
    private int longest;
    private SplittableRandom rng;
    private long[] priority = new long[16];
    private boolean[] assigned = new boolean[16];
    private int[] changePoints;
    private int steps;

    public PctStrategy(int depth, long seed, long schedules, int stepEstimate) {
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth must be at least 1: " + depth);
        }
        this.depth = depth;
        this.seeds = new SplittableRandom(seed);
        this.schedules = schedules;
        this.k = Math.max(1, stepEstimate);
    }

    /** Lower bound on the probability that one schedule hits a given bug of this depth. */
    public static double perRunProbability(int actors, int k, int depth) {
        return 1.0 / (actors * Math.pow(k, depth - 1));
    }

    /** Lower bound on the probability that {@code runs} schedules hit a given bug of this depth. */
    public static double guarantee(int actors, int k, int depth, long runs) {
        double p = perRunProbability(actors, k, depth);
        return 1.0 - Math.pow(1.0 - p, runs);
    }

    public int depth() {
        return depth;
    }

    /** The current step estimate k (the longest schedule seen). */
    public int k() {
        return k;
    }

    @Override
    public boolean beginSchedule() {
        if (steps > longest) {
            longest = steps;
        }
        if (longest > 0) {
            k = longest; // the longest schedule seen replaces the initial estimate
        }
        if (begun++ >= schedules) {
            return false;
        }
        rng = new SplittableRandom(seeds.nextLong());
        Arrays.fill(assigned, false);
        changePoints = new int[depth - 1];
        for (int j = 0; j < changePoints.length; j++) {
            changePoints[j] = 1 + rng.nextInt(k);
        }
        steps = 0;
        return true;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        steps = stepIndex + 1;
        int best = highest(enabled);
        for (int j = 0; j < changePoints.length; j++) {
            if (changePoints[j] == stepIndex + 1) {
                priority[best] = depth - 1 - j;
                best = highest(enabled);
            }
        }
        return best;
    }

    private int highest(int[] enabled) {
        int best = -1;
        for (int id : enabled) {
            ensure(id);
            if (!assigned[id]) {
                assigned[id] = true;
                priority[id] = depth + (long) rng.nextInt(1 << 20) * 64 + id % 64;
            }
            if (best < 0 || priority[id] > priority[best]) {
                best = id;
            }
        }
        return best;
    }

    private void ensure(int id) {
        if (id >= priority.length) {
            int n = Math.max(id + 1, priority.length * 2);
            priority = Arrays.copyOf(priority, n);
            assigned = Arrays.copyOf(assigned, n);
        }
    }

    @Override
    public int pickValue(int bound) {
        return rng.nextInt(bound);
    }

    /** PCT samples: its guarantee is a probability per bug depth ({@link #guarantee}), not coverage. */
    @Override
    public Completeness.Cut limit() {
        return new Completeness.Cut(Completeness.Kind.SAMPLED, "PCT depth " + depth);
    }

    @Override
    public String name() {
        return "pct" + depth;
    }
}
