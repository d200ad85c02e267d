package fputsim.explore.strategy;

import fputsim.explore.Completeness;
import fputsim.explore.Strategy;

/**
 * Replays a recorded list of decisions, once. Strict replay refuses a decision that does not fit
 * (the schedule belongs to another program or model). Lenient replay, used by the shrinker, maps
 * a decision that does not fit to the nearest sensible one, and after the list runs out keeps
 * running the current actor (the default, preemption-free continuation); the decision -1 means
 * "the default" as well.
 */
public final class ReplayStrategy implements Strategy {
    private final int[] decisions;
    private final boolean strict;
    private int next;
    private boolean done;

    public ReplayStrategy(int[] decisions, boolean strict) {
        this.decisions = decisions.clone();
        this.strict = strict;
    }

    /** Thrown by strict replay when a recorded decision does not fit the program. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    @Override
    public boolean beginSchedule() {
        if (done) {
            return false;
        }
        done = true;
        next = 0;
        return true;
    }

    /** True when every recorded decision was used. */
    public boolean consumedAll() {
        return next >= decisions.length;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        if (next >= decisions.length) {
            if (strict) {
                throw new Mismatch("schedule ended after " + stepIndex + " steps but the program can still run");
            }
            return fallback(enabled, current, -1);
        }
        int want = decisions[next++];
        for (int id : enabled) {
            if (id == want) {
                return id;
            }
        }
        if (strict) {
            throw new Mismatch("step " + stepIndex + ": actor " + want + " is not enabled");
        }
        return fallback(enabled, current, want);
    }

    private static int fallback(int[] enabled, int current, int want) {
        for (int id : enabled) {
            if (id == current) {
                return id;
            }
        }
        for (int id : enabled) {
            if (id >= want) {
                return id;
            }
        }
        return enabled[0];
    }

    @Override
    public int pickValue(int bound) {
        if (next >= decisions.length) {
            if (strict) {
                throw new Mismatch("schedule ended before a data choice");
            }
            return 0;
        }
        int v = decisions[next++];
        if (v >= 0 && v < bound) {
            return v;
        }
        if (strict) {
            throw new Mismatch("data choice " + v + " is out of range [0, " + bound + ")");
        }
        return v < 0 ? 0 : bound - 1;
    }

    @Override
    public Completeness.Cut limit() {
        return new Completeness.Cut(Completeness.Kind.SAMPLED, "one schedule replayed");
    }

    @Override
    public String name() {
        return "replay";
    }
}
