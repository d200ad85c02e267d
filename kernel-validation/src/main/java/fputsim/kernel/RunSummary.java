/*
 * RunSummary: the summary object of one reproducer run (also summary.json): busy rate,
 * the window distribution (wait returned -> last EBUSY, ms, busy iterations only), the
 * helper's own delay (wait returned -> first umount2, us), kernel, fio version, ring flags.
 * Leaves out: per-iteration data (iterations.json) and the raw trace (trace.txt).
 * A partial run (interrupted, or a snapshot written after each iteration that a killed run
 * leaves behind) has partial=true, the iterations done, the planned count and why it stopped.
 * exitMode: how each iteration's workload ended (ExitMode.Kind labels; "kill" for the seed reproducer).
 * Checks: exitCode() follows the KTAP totals: 0 all passed, 1 a failure, 77 all skipped.
 * Checked by: KtapTest, RealKernelTest.
 */
package fputsim.kernel;

import java.util.List;

public record RunSummary(String ioengine, Expectation expectation, long seed, int iterations, int tested,
        int busy, double busyRate, double windowMedianMs, double windowMaxMs, double helperDelayMedianUs,
        double helperDelayMaxUs, String kernel, String fioVersion, String ringFlags, int passed, int failed,
        int skipped, int exitCode, String skipReason, String resultsDir, boolean partial, int plannedIterations,
        String stopReason, String exitMode) {

    /** A kill-mode run's record (the fields before the no-kill modes existed). */
    public RunSummary(String ioengine, Expectation expectation, long seed, int iterations, int tested,
            int busy, double busyRate, double windowMedianMs, double windowMaxMs, double helperDelayMedianUs,
            double helperDelayMaxUs, String kernel, String fioVersion, String ringFlags, int passed, int failed,
            int skipped, int exitCode, String skipReason, String resultsDir, boolean partial, int plannedIterations,
            String stopReason) {
        this(ioengine, expectation, seed, iterations, tested, busy, busyRate, windowMedianMs, windowMaxMs,
                helperDelayMedianUs, helperDelayMaxUs, kernel, fioVersion, ringFlags, passed, failed, skipped, exitCode,
                skipReason, resultsDir, partial, plannedIterations, stopReason, ExitMode.Kind.KILL.label);
    }

    /** A run's record before the partial fields existed (tests): complete, as planned. */
    public RunSummary(String ioengine, Expectation expectation, long seed, int iterations, int tested,
            int busy, double busyRate, double windowMedianMs, double windowMaxMs, double helperDelayMedianUs,
            double helperDelayMaxUs, String kernel, String fioVersion, String ringFlags, int passed, int failed,
            int skipped, int exitCode, String skipReason, String resultsDir) {
        this(ioengine, expectation, seed, iterations, tested, busy, busyRate, windowMedianMs, windowMaxMs,
                helperDelayMedianUs, helperDelayMaxUs, kernel, fioVersion, ringFlags, passed, failed, skipped, exitCode,
                skipReason, resultsDir, false, iterations, "", ExitMode.Kind.KILL.label);
    }

    static RunSummary of(ReproducerRun.Options o, List<IterationRecord> rs, Ktap k, String kernel,
            String fio, String ringFlags, String resultsDir) {
        return of(o, rs, k.results(), kernel, fio, ringFlags, resultsDir, "");
    }

    /**
     * @param results the KTAP results (for a partial run: with the skipped rest)
     * @param stopReason empty for a complete run; else why it stopped (the summary is then partial)
     */
    static RunSummary of(ReproducerRun.Options o, List<IterationRecord> rs, List<Ktap.Result> results, String kernel,
            String fio, String ringFlags, String resultsDir, String stopReason) {
        return of(o, ExitMode.kill(), rs, results, kernel, fio, ringFlags, resultsDir, stopReason);
    }

    /** As above, for a run whose iterations ended as {@code mode} says. */
    static RunSummary of(ReproducerRun.Options o, ExitMode mode, List<IterationRecord> rs, List<Ktap.Result> results,
            String kernel, String fio, String ringFlags, String resultsDir, String stopReason) {
        List<IterationRecord> tested = rs.stream().filter(r -> r.outcome() == IterationRecord.Outcome.UNMOUNTED
                || r.outcome() == IterationRecord.Outcome.BUSY_THEN_UNMOUNTED
                || r.outcome() == IterationRecord.Outcome.STUCK).toList();
        long[] windows = tested.stream().filter(IterationRecord::busy).mapToLong(IterationRecord::windowNs).sorted().toArray();
        long[] delays = tested.stream().mapToLong(IterationRecord::helperDelayNs).sorted().toArray();
        int busy = windows.length;
        return new RunSummary(o.ioengine(), o.expectation(), o.seed(), rs.size(), tested.size(), busy,
                tested.isEmpty() ? 0 : (double) busy / tested.size(),
                median(windows) / 1e6, max(windows) / 1e6, median(delays) / 1e3, max(delays) / 1e3,
                kernel, fio, ringFlags, count(results, Ktap.Status.PASS), count(results, Ktap.Status.FAIL),
                count(results, Ktap.Status.SKIP), Ktap.exitCode(results), "", resultsDir, !stopReason.isEmpty(),
                o.iterations(), stopReason, mode.kind().label);
    }

    private static int count(List<Ktap.Result> rs, Ktap.Status s) {
        return (int) rs.stream().filter(r -> r.status() == s).count();
    }

    /** A run that did not start because a requirement is missing. */
    static RunSummary skipped(ReproducerRun.Options o, String reason, String kernel) {
        return skipped(o, ExitMode.kill(), reason, kernel);
    }

    static RunSummary skipped(ReproducerRun.Options o, ExitMode mode, String reason, String kernel) {
        return new RunSummary(o.ioengine(), o.expectation(), o.seed(), 0, 0, 0, 0, 0, 0, 0, 0, kernel, "", "",
                0, 0, 1, 77, reason, "", false, o.iterations(), "", mode.kind().label);
    }

    static double median(long[] sorted) {
        if (sorted.length == 0)
            return 0;
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /** One diagnostic line for the KTAP stream and the CLI. */
    public String line() {
        return String.format("summary: ioengine=%s iterations=%d tested=%d busy=%d busy_rate=%.2f"
                + " window_median_ms=%.3f window_max_ms=%.3f helper_delay_median_us=%.3f helper_delay_max_us=%.3f"
                + " kernel=%s fio=%s ring_flags=%s seed=%d%s%s", ioengine, iterations, tested, busy, busyRate,
                windowMedianMs, windowMaxMs, helperDelayMedianUs, helperDelayMaxUs, kernel, fioVersion,
                ringFlags.isEmpty() ? "untraced" : ringFlags, seed,
                partial ? " partial=true planned=" + plannedIterations + " (" + stopReason + ")" : "",
                ExitMode.Kind.KILL.label.equals(exitMode) ? "" : " exit_mode=" + exitMode);
    }
}
