package fputsim.explore;

/**
 * What one property saw over an exploration: how many complete schedules violated it, the first
 * and the shortest violating schedule, and when the first was found.
 */
public record Tally(String property, String outcome, long violating, long total, Execution first,
                    Execution shortest, long firstAfterSchedules, long firstAfterNanos) {

    public Verdict verdict() {
        return Verdict.of(violating, total);
    }

    /**
     * herd7's line: {@code Observation <outcome> <verdict> <violating> <not violating>}, with the
     * raw verdict of the counts. A tally does not know whether its exploration was exhaustive:
     * output for people uses {@link Exploration#verdictWord}, which says Never only for an
     * exhaustive run.
     */
    public String observation() {
        return "Observation " + outcome + " " + verdict() + " " + violating + " " + (total - violating);
    }
}
