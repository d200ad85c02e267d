package fputsim.explore;

/**
 * Statistics of an exploration so far.
 *
 * @param schedules        complete schedules run (not counting pruned ones)
 * @param pruned           schedules abandoned as redundant by partial-order reduction
 * @param steps            steps executed in all, replayed prefixes included
 * @param distinctEndStates distinct end-state fingerprints (0 when the program offers none; -1 in progress while unknown)
 * @param maxDepth         the longest schedule, in steps
 * @param elapsedNanos     time spent, by the injected ticker
 * @param explored         the strategy's estimate of the fraction of the search done (NaN: none)
 */
public record Stats(long schedules, long pruned, long steps, long distinctEndStates, int maxDepth, long elapsedNanos,
                    double explored) {
    public Stats(long schedules, long pruned, long steps, long distinctEndStates, int maxDepth, long elapsedNanos) {
        this(schedules, pruned, steps, distinctEndStates, maxDepth, elapsedNanos, Double.NaN);
    }

    public double schedulesPerSecond() {
        return elapsedNanos == 0 ? 0 : schedules * 1e9 / elapsedNanos;
    }

    public double stepsPerSecond() {
        return elapsedNanos == 0 ? 0 : steps * 1e9 / elapsedNanos;
    }

    /**
     * One line in the style of TLC's progress records. With an explored fraction (it weighs each
     * open branch of the search tree equally, the partial-tree estimate that Knuth's random-probe
     * estimator generalises: unseen branches make it optimistic early on): the fraction
     * (in significant digits when below 0.1 %), the whole search it implies at that fraction
     * (schedules so far over the fraction: an estimate, low early on) and the time still to go at
     * the rate so far. Distinct end states are left out when not known while the search runs
     * (a negative count: the parallel search merges them at the end).
     */
    public String progressLine() {
        String line = String.format(java.util.Locale.ROOT, "Progress: %d schedules (%d pruned), ", schedules, pruned)
                + (distinctEndStates < 0 ? "" : distinctEndStates + " distinct end states, ")
                + String.format(java.util.Locale.ROOT, "depth %d, %.0f schedules/s", maxDepth, schedulesPerSecond());
        if (!Double.isNaN(explored)) {
            double pct = explored * 100;
            line += pct >= 0.1 || pct == 0 ? String.format(java.util.Locale.ROOT, ", ~%.1f%% explored", pct)
                    : String.format(java.util.Locale.ROOT, ", ~%.2g%% explored", pct);
            if (explored > 0 && explored < 1 && schedules > 0) {
                double all = schedules / explored;
                line += String.format(java.util.Locale.ROOT, all < 1e6 ? " (~%.0f schedules in all)" : " (~%.2g schedules in all)", all);
            }
            if (explored > 0 && elapsedNanos > 0) {
                line += ", ETA " + duration(elapsedNanos * (1 - explored) / explored);
            }
        }
        return line;
    }

    /** A time still to go, in the largest unit that keeps it readable; years beyond 2 years, in significant digits. */
    static String duration(double nanos) {
        double s = nanos / 1e9;
        if (s < 120) {
            return (long) s + " s";
        }
        if (s < 7200) {
            return (long) (s / 60) + " min";
        }
        if (s < 172_800) {
            return (long) (s / 3600) + " h";
        }
        if (s < 2 * 31_557_600) {
            return (long) (s / 86_400) + " d";
        }
        return String.format(java.util.Locale.ROOT, "%.2g years", s / 31_557_600);
    }
}
