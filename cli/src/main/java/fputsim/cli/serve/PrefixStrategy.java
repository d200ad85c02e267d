package fputsim.cli.serve;

import fputsim.explore.Footprint;
import fputsim.explore.Strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a decision prefix exactly (the student's schedule so far), then either stops (the
 * schedule is abandoned, so the program is left in the state after the prefix), asks (a data
 * choice past the prefix is thrown back as {@link ChoiceNeeded}), or hands over to an inner
 * strategy that explores the continuations (hints). The explorer is stateless: every view of the
 * page is a fresh program replayed to this point.
 */
final class PrefixStrategy implements Strategy {
    /** A recorded decision that does not fit the program: the page's schedule is stale or forged. */
    static final class Stale extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stale(String message) {
            super(message);
        }
    }

    /** The step past the prefix takes a data choice of {@code bound} values that nobody made yet. */
    static final class ChoiceNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int bound;

        ChoiceNeeded(int bound) {
            super("a data choice among " + bound + " values", null, false, false);
            this.bound = bound;
        }
    }

    private final int[] prefix;
    private final Strategy inner;
    private final boolean ask;
    private int next;
    private boolean began;
    private boolean innerStep;
    private int[] enabledAfter;
    /** For each decision taken in this schedule: true for an actor, false for a data value. */
    private final List<Boolean> kinds = new ArrayList<>();
    /** Told the actor of each prefix step just before it runs (the page labels steps with their function). */
    private java.util.function.IntConsumer beforeStep = id -> { };

    private PrefixStrategy(int[] prefix, Strategy inner, boolean ask) {
        this.prefix = prefix.clone();
        this.inner = inner;
        this.ask = ask;
    }

    /** Replays {@code prefix} and abandons the schedule there. */
    static PrefixStrategy stop(int[] prefix) {
        return new PrefixStrategy(prefix, null, false);
    }

    /** Replays {@code prefix} and throws {@link ChoiceNeeded} for a data choice past it. */
    static PrefixStrategy ask(int[] prefix) {
        return new PrefixStrategy(prefix, null, true);
    }

    /** Replays {@code prefix} in every schedule, then lets {@code inner} choose. */
    static PrefixStrategy then(int[] prefix, Strategy inner) {
        return new PrefixStrategy(prefix, inner, false);
    }

    @Override
    public boolean beginSchedule() {
        next = 0;
        kinds.clear();
        enabledAfter = null;
        if (inner != null) {
            return inner.beginSchedule();
        }
        if (began) {
            return false;
        }
        began = true;
        return true;
    }

    PrefixStrategy beforeEachStep(java.util.function.IntConsumer c) {
        beforeStep = c;
        return this;
    }

    /** True when the whole prefix was replayed. */
    boolean consumedAll() {
        return next >= prefix.length;
    }

    /** The enabled actors after the prefix (null when the program finished within it). */
    int[] enabledAfter() {
        return enabledAfter;
    }

    /** Which decisions of the last schedule were actors (true) and which data values (false). */
    List<Boolean> kinds() {
        return List.copyOf(kinds);
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        innerStep = false;
        if (next < prefix.length) {
            int want = prefix[next++];
            if (Arrays.stream(enabled).noneMatch(id -> id == want)) {
                throw new Stale("at step " + (stepIndex + 1) + " actor #" + want + " is not runnable");
            }
            kinds.add(true);
            beforeStep.accept(want);
            return want;
        }
        if (inner == null) {
            enabledAfter = enabled.clone();
            return -1;
        }
        innerStep = true;
        int chosen = inner.pickActor(enabled, current, stepIndex);
        if (chosen >= 0) {
            kinds.add(true);
        }
        return chosen;
    }

    @Override
    public int pickValue(int bound) {
        if (next < prefix.length) {
            int v = prefix[next++];
            if (v < 0 || v >= bound) {
                throw new Stale("data choice " + v + " is out of range [0, " + bound + ")");
            }
            kinds.add(false);
            return v;
        }
        if (inner == null) {
            if (ask) {
                throw new ChoiceNeeded(bound);
            }
            throw new Stale("the schedule ends inside a step (a data choice is missing)");
        }
        kinds.add(false);
        return inner.pickValue(bound);
    }

    @Override
    public boolean wantsFootprints() {
        return inner != null && inner.wantsFootprints();
    }

    @Override
    public void afterStep(int actor, Footprint footprint) {
        if (innerStep) {
            inner.afterStep(actor, footprint);
        }
    }

    @Override
    public String name() {
        return inner == null ? "serve" : inner.name();
    }

    @Override
    public fputsim.explore.Completeness.Cut limit() {
        return inner == null ? Strategy.super.limit() : inner.limit();
    }
}
