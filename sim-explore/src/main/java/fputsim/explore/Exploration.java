package fputsim.explore;

import java.util.List;

/**
 * The result of exploring a program with one strategy.
 *
 * @param exhausted    true when the strategy ran out of schedules. This alone is no proof: a
 *                     preemption-bounded or sampling strategy runs out too, and schedules may have
 *                     been cut at the step bound. Ask {@link #exhaustive()}.
 * @param stopped      why the run ended early, or null: "stopped", "time limit", "schedule limit", "max states",
 *                     "violation"
 * @param completeness every reason the run did not cover the whole schedule space
 */
public record Exploration(String programId, String strategy, Bounds bounds, Stats stats, List<Tally> tallies,
                          boolean exhausted, String stopped, Completeness completeness) {

    /** A word for a verdict of no violation that is not proven: the run was not exhaustive. */
    public static final String UNSEEN = "Unseen";

    /** True only when every schedule was run to its end: then a property never violated is never violated. */
    public boolean exhaustive() {
        return completeness.exhaustive();
    }

    /**
     * The verdict as it may be stated: herd7's {@code Never|Sometimes|Always}, except that a
     * property no explored schedule violated reads {@link #UNSEEN} unless the run was exhaustive.
     * (Sometimes is proven by a witness of each kind; a non-exhaustive Always is a proven
     * violation whose universality is not.)
     */
    public String verdictWord(Tally t) {
        if (t.violating() == 0 && !exhaustive()) {
            return UNSEEN;
        }
        return t.stated() != null ? t.stated() : t.verdict().name();
    }

    public Tally tally(String property) {
        for (Tally t : tallies) {
            if (t.property().equals(property)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no property " + property);
    }

    public boolean anyViolation() {
        for (Tally t : tallies) {
            if (t.violating() > 0) {
                return true;
            }
        }
        return false;
    }
}
