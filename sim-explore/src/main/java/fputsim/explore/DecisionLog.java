package fputsim.explore;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The record of the choices one schedule made, in order: each step's actor id, then each data
 * choice that step made between more than one value (a choice of one value is no choice: it is 0
 * and not recorded). Every driver that records a schedule keeps one (the {@link Runner}, the timed
 * driver, the threaded harness of the Lincheck tests), and a replay token is encoded from it, so a
 * schedule made by any of them replays the same through {@link Replay}.
 */
public final class DecisionLog {
    private int[] decisions = new int[64];
    private int n;

    /** The actor {@code id} takes the next step. */
    public void actor(int id) {
        add(id);
    }

    /**
     * A data choice of a value in {@code [0, bound)}: {@code pick} draws it (given the bound) when
     * there is a choice, and it is recorded; with one value it is 0, undrawn and unrecorded.
     *
     * @throws IllegalArgumentException when {@code bound} is not positive
     */
    public int choose(int bound, IntUnaryOperator pick) {
        if (bound <= 0) {
            throw new IllegalArgumentException("choose bound must be positive: " + bound);
        }
        if (bound == 1) {
            return 0;
        }
        int v = pick.applyAsInt(bound);
        add(v);
        return v;
    }

    private void add(int d) {
        if (n == decisions.length) {
            decisions = Arrays.copyOf(decisions, n * 2);
        }
        decisions[n++] = d;
    }

    /** How many decisions so far. */
    public int size() {
        return n;
    }

    /** Whether decisions {@code from..to-1} so far equal {@code other}'s (false when either is shorter). */
    public boolean agreesWith(int[] other, int from, int to) {
        if (to > n || to > other.length) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (decisions[i] != other[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decisions so far, in order (a copy). */
    public int[] decisions() {
        return Arrays.copyOf(decisions, n);
    }

    /** The replay token of the schedule so far, for a program of {@code factory}. */
    public ReplayToken token(ProgramFactory<?> factory, String strategy, long seed, int maxSteps) {
        return token(factory.version(), factory.id(), strategy, seed, maxSteps);
    }

    /** The replay token of the schedule so far, for the program {@code programId} of model {@code version}. */
    public ReplayToken token(String version, String programId, String strategy, long seed, int maxSteps) {
        return new ReplayToken(version, programId, strategy, seed, maxSteps, decisions());
    }
}
