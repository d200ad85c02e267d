/*
 * Verdicts: turns iteration outcomes into KTAP results, and the whole run into the one
 * qualitative check of real-kernel.md ("some EBUSY with io_uring, none with psync").
 * Leaves out: any rate threshold; rates vary between runs of the same configuration.
 * Checked by: KtapTest.
 */
package fputsim.kernel;

import fputsim.kernel.Ktap.Status;
import java.util.List;

final class Verdicts {
    private Verdicts() {
    }

    static void iteration(Ktap k, IterationRecord r, Expectation e) {
        String name = "iteration-" + r.iteration();
        switch (r.outcome()) {
            case MOUNT_FAILED:
                k.diag(name + ": mount failed: " + r.mountError());
                k.result(Status.FAIL, name, r.mountError());
                return;
            case FIO_EXITED_EARLY:
                k.result(Status.SKIP, name, "fio exited before the kill (wait status " + r.fioStatus() + ")");
                return;
            case STUCK:
                k.diag(name + ": umount still failing, errno " + r.umountErrno() + " after " + r.attempts() + " attempts");
                k.result(Status.FAIL, name, "umount errno " + r.umountErrno());
                return;
            default:
                k.diag(String.format("%s: ebusy=%d window_ms=%.3f helper_delay_us=%.3f sleep_ms=%.1f",
                        name, r.ebusy(), r.windowNs() / 1e6, r.helperDelayNs() / 1e3, r.sleepUs() / 1e3));
                boolean bad = r.busy() && e == Expectation.BUSY_NEVER;
                k.result(bad ? Status.FAIL : Status.PASS, name, bad ? "umount EBUSY after wait" : "");
        }
    }

    /** The run's check; its name says what was expected, its tail what was seen. */
    static void run(Ktap k, String ioengine, List<IterationRecord> rs, Expectation e) {
        long tested = rs.stream().filter(r -> r.outcome() != IterationRecord.Outcome.FIO_EXITED_EARLY
                && r.outcome() != IterationRecord.Outcome.MOUNT_FAILED).count();
        long busy = rs.stream().filter(IterationRecord::busy).count();
        String frac = busy + "/" + tested + " busy";
        if (e == Expectation.BUSY_SOMETIMES) {
            String name = ioengine + "-umount-busy-after-reap";
            if (tested == 0)
                k.result(Status.SKIP, name, "no iteration killed a running fio");
            else
                k.result(busy > 0 ? Status.PASS : Status.FAIL, name + (busy > 0 ? " reproduced " : " not reproduced ") + frac, "");
        } else {
            String name = ioengine + "-umount-never-busy-after-reap";
            if (tested == 0)
                k.result(Status.SKIP, name, "no iteration killed a running fio");
            else
                k.result(busy == 0 ? Status.PASS : Status.FAIL, name + " " + frac, "");
        }
    }
}
