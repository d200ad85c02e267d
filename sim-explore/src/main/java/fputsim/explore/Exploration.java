package fputsim.explore;

import java.util.List;

/**
 * The result of exploring a program with one strategy.
 *
 * @param exhausted true when the strategy ran out of schedules (for exhaustive search: every
 *                  schedule within the bounds was covered)
 * @param stopped   why the run ended early, or null: "stopped", "time limit", "schedule limit",
 *                  "violation"
 */
public record Exploration(String programId, String strategy, Bounds bounds, Stats stats, List<Tally> tallies,
                          boolean exhausted, String stopped) {

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
