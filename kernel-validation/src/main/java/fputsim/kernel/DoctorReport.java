/*
 * DoctorReport: every requirement check of one KernelDoctor run, in a fixed order.
 * Leaves out: deciding what to do; the CLI prints lines() and exits 77 if !allOk().
 * Checked by: KernelDoctorTest.
 */
package fputsim.kernel;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

public record DoctorReport(List<Check> checks) {
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public boolean allOk() {
        return checks.stream().allMatch(Check::ok);
    }

    public Optional<Check> firstMissing() {
        return checks.stream().filter(c -> !c.ok()).findFirst();
    }

    /** The one-line reason a run is skipped, e.g. "not run: fio missing (fio --enghelp=io_uring failed)". */
    public String skipReason() {
        return firstMissing().map(c -> "not run: " + c.name() + ": " + c.reason()).orElse("");
    }

    public String lines() {
        return checks.stream().map(Check::line).collect(Collectors.joining("\n"));
    }
}
