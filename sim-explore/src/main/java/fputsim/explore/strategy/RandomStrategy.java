package fputsim.explore.strategy;

import fputsim.explore.Completeness;
import fputsim.explore.Strategy;

import java.util.SplittableRandom;

/** Seeded random walk: every decision uniform among the options. Deterministic for a seed. */
public final class RandomStrategy implements Strategy {
    private final SplittableRandom seeds;
    private final long schedules;
    private long begun;
    private SplittableRandom rng;
    private long scheduleSeed;

    /** @param schedules how many schedules to run (Long.MAX_VALUE: until stopped) */
    public RandomStrategy(long seed, long schedules) {
        this.seeds = new SplittableRandom(seed);
        this.schedules = schedules;
    }

    /** The seed of the schedule being run (each schedule has its own, drawn from the master seed). */
    public long scheduleSeed() {
        return scheduleSeed;
    }

    @Override
    public boolean beginSchedule() {
        if (begun++ >= schedules) {
            return false;
        }
        scheduleSeed = seeds.nextLong();
        rng = new SplittableRandom(scheduleSeed);
        return true;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        return enabled[rng.nextInt(enabled.length)];
    }

    @Override
    public int pickValue(int bound) {
        return rng.nextInt(bound);
    }

    @Override
    public Completeness.Cut limit() {
        return new Completeness.Cut(Completeness.Kind.SAMPLED, "seeded random walk");
    }

    @Override
    public String name() {
        return "random";
    }
}
