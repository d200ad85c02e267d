/*
 * Verdicts: turns iteration outcomes into KTAP results, and the whole run into the one
 * qualitative check of real-kernel.md ("some EBUSY with io_uring, none with psync").
 * Names are stable ("iteration-N", "ENGINE-umount-busy-after-reap",
 * "ENGINE-umount-never-busy-after-reap"); the counts go in a diagnostic line before the result.
 * A fio that exited on its own with an error is a failure with fio's first error line (its
 * options, its file): the iteration tested nothing because the setup is wrong, not skipped.
 * The no-kill modes (ExitMode) name their check ENGINE-MODE-...; with Expectation.OBSERVE the check is
 * "-umount-after-reap-observed": it passes once an iteration was tested and fails when none was.
 * Leaves out: any rate threshold; rates vary between runs of the same configuration.
 * Checked by: KtapTest.
 */
package fputsim.kernel;

import fputsim.kernel.Ktap.Status;
import java.util.List;

final class Verdicts {
    private Verdicts() {
    }

    static String iterationName(int i) {
        return "iteration-" + i;
    }

    static void iteration(Ktap k, IterationRecord r, Expectation e) {
        iteration(k, r, e, 0);
    }

    static void iteration(Ktap k, IterationRecord r, Expectation e, double seconds) {
        String name = iterationName(r.iteration());
        switch (r.outcome()) {
            case MOUNT_FAILED:
                k.diag(name + ": mount failed: " + r.mountError());
                k.result(Status.FAIL, name, r.mountError(), seconds);
                return;
            case FIO_EXITED_EARLY:
                if (r.fioFailed()) {
                    String why = "fio exited with status " + (r.fioStatus() >> 8) + " before the kill: "
                            + (r.fioError().isEmpty() ? "(no message)" : r.fioError());
                    k.diag(name + ": " + why);
                    k.result(Status.FAIL, name, why, seconds);
                } else {
                    k.result(Status.SKIP, name, "fio exited before the kill (wait status " + r.fioStatus() + ")", seconds);
                }
                return;
            case EXIT_FAILED:
                String why = r.timedOut() ? "the workload (" + r.exitMode() + ") did not exit by itself within the bound: killed"
                        : "the workload (" + r.exitMode() + ") exited with wait status " + r.fioStatus()
                                + (r.fioError().isEmpty() ? "" : ": " + r.fioError());
                k.diag(name + ": " + why);
                k.result(Status.FAIL, name, why, seconds);
                return;
            case STUCK:
                k.diag(name + ": umount still failing, errno " + r.umountErrno() + " after " + r.attempts() + " attempts");
                k.result(Status.FAIL, name, "umount errno " + r.umountErrno(), seconds);
                return;
            default:
                if (ExitMode.Kind.KILL.label.equals(r.exitMode()))
                    k.diag(String.format("%s: ebusy=%d window_ms=%.3f helper_delay_us=%.3f sleep_ms=%.1f",
                            name, r.ebusy(), r.windowNs() / 1e6, r.helperDelayNs() / 1e3, r.sleepUs() / 1e3));
                else
                    k.diag(String.format("%s: ebusy=%d window_ms=%.3f helper_delay_us=%.3f exit=%s%s",
                            name, r.ebusy(), r.windowNs() / 1e6, r.helperDelayNs() / 1e3, r.exitMode(),
                            r.inflightAtClose() >= 0 ? " inflight_at_close=" + r.inflightAtClose() : ""));
                boolean bad = r.busy() && e == Expectation.BUSY_NEVER;
                k.result(bad ? Status.FAIL : Status.PASS, name, bad ? "umount EBUSY after wait" : "", seconds);
        }
    }

    /** {@code label}: the engine, or engine-mode for the no-kill modes (ExitMode.label). */
    static String runName(String label, Expectation e) {
        return label + (e == Expectation.BUSY_SOMETIMES ? "-umount-busy-after-reap"
                : e == Expectation.OBSERVE ? "-umount-after-reap-observed" : "-umount-never-busy-after-reap");
    }

    static long tested(List<IterationRecord> rs) {
        return rs.stream().filter(r -> r.outcome() != IterationRecord.Outcome.FIO_EXITED_EARLY
                && r.outcome() != IterationRecord.Outcome.MOUNT_FAILED
                && r.outcome() != IterationRecord.Outcome.EXIT_FAILED).count();
    }

    /** The run's check; its name says what was expected, the diagnostic before it what was seen. */
    static void run(Ktap k, String ioengine, List<IterationRecord> rs, Expectation e) {
        Ktap.Result r = runResult(ioengine, rs, e, null);
        k.diag(r.name() + ": " + counts(rs, e));
        k.result(r.status(), r.name(), r.reason());
    }

    static String counts(List<IterationRecord> rs, Expectation e) {
        long busy = rs.stream().filter(IterationRecord::busy).count();
        String frac = busy + "/" + tested(rs) + " busy";
        if (e == Expectation.BUSY_SOMETIMES)
            return (busy > 0 ? "reproduced " : "not reproduced ") + frac;
        if (e == Expectation.OBSERVE)
            return "observed " + frac;
        return frac;
    }

    /**
     * The run's check as a result (not written). {@code stopped} non-null: the run stopped early
     * for that reason, and a check the iterations so far do not decide is skipped with it.
     */
    static Ktap.Result runResult(String ioengine, List<IterationRecord> rs, Expectation e, String stopped) {
        String name = runName(ioengine, e);
        long tested = tested(rs);
        long busy = rs.stream().filter(IterationRecord::busy).count();
        Status s;
        String reason = "";
        if (e == Expectation.BUSY_SOMETIMES && busy > 0) {
            s = Status.PASS;
        } else if (e == Expectation.BUSY_NEVER && busy > 0) {
            s = Status.FAIL;
            reason = "umount EBUSY after wait in " + busy + " of " + tested + " iterations";
        } else if (stopped != null) {
            s = Status.SKIP;
            reason = stopped + " (" + counts(rs, e) + ")";
        } else if (tested == 0 && e == Expectation.OBSERVE) {
            s = Status.FAIL;
            reason = "no iteration's workload exited by itself and was unmounted";
        } else if (tested == 0) {
            s = Status.SKIP;
            reason = "no iteration killed a running fio";
        } else if (e == Expectation.OBSERVE) {
            s = Status.PASS;
        } else if (e == Expectation.BUSY_SOMETIMES) {
            s = Status.FAIL;
            reason = "no EBUSY in " + tested + " tested iterations";
        } else {
            s = Status.PASS;
        }
        return new Ktap.Result(0, name, s, reason);
    }
}
