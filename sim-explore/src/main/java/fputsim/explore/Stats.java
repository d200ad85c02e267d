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
 * @param explored         the strategy's estimate of the fraction of the search done (NaN: none)
 */
public record Stats(long schedules, long pruned, long steps, long distinctEndStates, int maxDepth, long elapsedNanos,
                    double explored) {
    public Stats(long schedules, long pruned, long steps, long distinctEndStates, int maxDepth, long elapsedNanos) {
        this(schedules, pruned, steps, distinctEndStates, maxDepth, elapsedNanos, Double.NaN);
    }

    /**
     * Time still to go at the rate so far, from the explored fraction, or -1 when unknown. The
     * fraction weighs each open branch of the search tree equally (the partial-tree estimate
     * that Knuth's random-probe estimator generalises): unseen branches make it optimistic early on.
     */
    public long remainingNanos() {
        if (Double.isNaN(explored) || explored <= 0 || elapsedNanos <= 0) {
            return -1;
        }
        return (long) (elapsedNanos * (1 - explored) / explored);
    }

    public double schedulesPerSecond() {
        return elapsedNanos == 0 ? 0 : schedules * 1e9 / elapsedNanos;
    }

    public double stepsPerSecond() {
        return elapsedNanos == 0 ? 0 : steps * 1e9 / elapsedNanos;
    }

    /** One line in the style of TLC's progress records. */
    public String progressLine() {
        String line = String.format(java.util.Locale.ROOT, "Progress: %d schedules (%d pruned), %d distinct end states, depth %d, %.0f schedules/s",
                schedules, pruned, distinctEndStates, maxDepth, schedulesPerSecond());
        if (!Double.isNaN(explored)) {
            long left = remainingNanos();
            line += String.format(java.util.Locale.ROOT, ", ~%.1f%% explored", explored * 100)
                    + (left < 0 ? "" : ", ETA " + duration(left));
        }
        return line;
    }

    static String duration(long nanos) {
        long s = nanos / 1_000_000_000L;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        if (s < 172_800) {
            return (s / 3600) + " h";
        }
        return (s / 86_400) + " d";
    }
}
