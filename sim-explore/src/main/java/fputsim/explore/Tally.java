package fputsim.explore;

/**
 * What one property saw over an exploration: how many complete schedules violated it, the first
 * and the shortest violating schedule, and when the first was found.
 */
public record Tally(String property, String outcome, long violating, long total, Execution first,
                    Execution shortest, long firstAfterSchedules, long firstAfterNanos, String stated) {

    /** A tally over schedules: the verdict is that of the counts. */
    public Tally(String property, String outcome, long violating, long total, Execution first,
                 Execution shortest, long firstAfterSchedules, long firstAfterNanos) {
        this(property, outcome, violating, total, first, shortest, firstAfterSchedules, firstAfterNanos, null);
    }

    /**
     * The verdict: of the counts, or the one a stateful search {@code stated} (its counts are of
     * states, not schedules, so they do not decide Sometimes against Always). A stated
     * {@link #UNDECIDED} reads Sometimes here: violated, but not proven by every schedule.
     */
    public Verdict verdict() {
        if (stated == null) {
            return Verdict.of(violating, total);
        }
        return stated.equals(UNDECIDED) ? Verdict.Sometimes : Verdict.valueOf(stated);
    }

    /** A stateful search's word for a violated property whose Always it could not decide (its state graph had a cycle). */
    public static final String UNDECIDED = "Violated(Always-undecided)";

    /**
     * herd7's line: {@code Observation <outcome> <verdict> <violating> <not violating>}, with the
     * raw verdict of the counts. A tally does not know whether its exploration was exhaustive:
     * output for people uses {@link Exploration#verdictWord}, which says Never only for an
     * exhaustive run.
     */
    public String observation() {
        return "Observation " + outcome + " " + (stated != null ? stated : verdict().name()) + " " + violating + " " + (total - violating);
    }
}
