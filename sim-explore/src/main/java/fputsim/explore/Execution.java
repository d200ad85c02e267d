package fputsim.explore;

import java.util.List;

/**
 * The record of one schedule: the decisions taken (actor ids and data values, in order), how it
 * ended, and which properties it violated (by index into the factory's list, with the step at
 * which each was first violated).
 */
public record Execution(int[] decisions, Ending ending, int steps, int preemptions,
                        List<Violation> violations, String endState) {

    /** Property number {@code property} first failed after {@code step} steps (at {@code moment}). */
    public record Violation(int property, String name, int step, Moment moment) {
    }

    public boolean violates(int property) {
        for (Violation v : violations) {
            if (v.property() == property) {
                return true;
            }
        }
        return false;
    }
}
