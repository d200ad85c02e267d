package fputsim.explore;

/**
 * Statistics of an exploration so far.
 *
 * @param schedules        complete schedules run (not counting pruned ones)
 * @param pruned           schedules abandoned as redundant by partial-order reduction
 * @param steps            steps executed in all, replayed prefixes included
 * @param distinctEndStates distinct end-state fingerprints (0 when the program offers none)
 * @param maxDepth         the longest schedule, in steps
 * @param elapsedNanos     time spent, by the injected ticker
 */
public record Stats(long schedules, long pruned, long steps, long distinctEndStates, int maxDepth, long elapsedNanos) {
    public double schedulesPerSecond() {
        return elapsedNanos == 0 ? 0 : schedules * 1e9 / elapsedNanos;
    }

    public double stepsPerSecond() {
        return elapsedNanos == 0 ? 0 : steps * 1e9 / elapsedNanos;
    }

    /** One line in the style of TLC's progress records. */
    public String progressLine() {
        return String.format(java.util.Locale.ROOT, "Progress: %d schedules (%d pruned), %d distinct end states, depth %d, %.0f schedules/s",
                schedules, pruned, distinctEndStates, maxDepth, schedulesPerSecond());
    }
}
