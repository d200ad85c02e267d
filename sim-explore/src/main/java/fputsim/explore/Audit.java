package fputsim.explore;

import fputsim.explore.strategy.RandomStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The footprint audit: a reduced search is only as sound as the footprints it was given. Seeded
 * random schedules use no footprints at all, so every outcome one of them reaches (its end state
 * and the properties it violated) must also be reached by the reduced search; an outcome the
 * reduced search missed is the witness of a footprint that was not declared.
 *
 * <p>The audit proves nothing when it agrees (random covers only what it sampled); it is a test
 * that can fail, and each failure is a replayable schedule.
 */
public final class Audit {
    /** A random schedule whose outcome the reduced search never reached. */
    public record Disagreement(String outcome, ReplayToken token) {
    }

    /**
     * @param reducedSchedules complete schedules of the reduced search
     * @param reducedOutcomes  distinct outcomes it reached
     * @param samples          random schedules run
     * @param sampledOutcomes  distinct outcomes they reached
     * @param disagreements    outcomes of random schedules the reduced search missed (first witness each)
     */
    public record Result(long reducedSchedules, int reducedOutcomes, long samples, int sampledOutcomes,
                         List<Disagreement> disagreements) {
        public boolean agrees() {
            return disagreements.isEmpty();
        }

        /** One line for a user. */
        public String summary() {
            if (agrees()) {
                return String.format(java.util.Locale.ROOT,
                        "audit: agrees: %d random schedules reached %d outcomes, all among the %d outcomes of the reduced search (%d schedules)",
                        samples, sampledOutcomes, reducedOutcomes, reducedSchedules);
            }
            return String.format(java.util.Locale.ROOT,
                    "audit: DISAGREES: %d outcome(s) reached by random schedules were missed by the reduced search (a footprint is missing); first witness: %s",
                    disagreements.size(), disagreements.get(0).token().encode());
        }
    }

    private Audit() {
    }

    /**
     * Runs {@code reduced} to exhaustion and {@code samples} random schedules from {@code seed},
     * and compares their outcomes.
     *
     * @throws IllegalStateException when the reduced search is cut by a bound (its outcomes would
     *                               be incomplete and the audit meaningless)
     */
    public static <P extends Program> Result run(ProgramFactory<P> factory, Strategy reduced, long samples, long seed, Bounds bounds) {
        Reduced r = reduced(factory, reduced, bounds);
        return compare(r, sampled(factory, samples, seed, bounds));
    }

    /** The outcomes of an exhausted reduced search. */
    public record Reduced(long schedules, Set<String> outcomes) {
    }

    /** The outcomes of random schedules, each with the token of the first schedule that reached it. */
    public record Sampled(long schedules, java.util.Map<String, ReplayToken> outcomes) {
    }

    /** The reduced search's outcomes (see {@link #run}). */
    public static <P extends Program> Reduced reduced(ProgramFactory<P> factory, Strategy reduced, Bounds bounds) {
        Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
        Set<String> outcomes = new TreeSet<>();
        long schedules = 0;
        while (reduced.beginSchedule()) {
            Execution e = runner.run(reduced);
            if (e.ending() == Ending.PRUNED) {
                continue;
            }
            if (e.ending() == Ending.STEP_BOUND) {
                throw new IllegalStateException("the reduced search hit the step bound (" + bounds.maxSteps() + "): too large to audit");
            }
            if (++schedules > bounds.maxSchedules()) {
                throw new IllegalStateException("the reduced search needs more than " + bounds.maxSchedules() + " schedules: too large to audit");
            }
            outcomes.add(outcome(e));
        }
        return new Reduced(schedules, outcomes);
    }

    /** The outcomes of {@code samples} random schedules from {@code seed} (which use no footprints). */
    public static <P extends Program> Sampled sampled(ProgramFactory<P> factory, long samples, long seed, Bounds bounds) {
        Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
        RandomStrategy random = new RandomStrategy(seed, samples);
        java.util.Map<String, ReplayToken> outcomes = new java.util.TreeMap<>();
        long ran = 0;
        while (random.beginSchedule()) {
            Execution e = runner.run(random);
            ran++;
            if (e.ending() == Ending.STEP_BOUND) {
                continue; // a schedule cut short has no end state to compare
            }
            outcomes.computeIfAbsent(outcome(e), o -> Replay.tokenOf(factory, random.name(), seed, bounds.maxSteps(), e));
        }
        return new Sampled(ran, outcomes);
    }

    /** Every sampled outcome the reduced search missed. */
    public static Result compare(Reduced reduced, Sampled sampled) {
        List<Disagreement> missed = new ArrayList<>();
        sampled.outcomes().forEach((o, token) -> {
            if (!reduced.outcomes().contains(o)) {
                missed.add(new Disagreement(o, token));
            }
        });
        return new Result(reduced.schedules(), reduced.outcomes().size(), sampled.schedules(), sampled.outcomes().size(), List.copyOf(missed));
    }

    /** How a schedule ended, its end state, and the properties it violated. */
    static String outcome(Execution e) {
        StringBuilder sb = new StringBuilder(e.ending().name()).append(' ').append(e.endState()).append(" violates");
        for (Execution.Violation v : e.violations()) {
            sb.append(' ').append(v.name());
        }
        return sb.toString();
    }
}
