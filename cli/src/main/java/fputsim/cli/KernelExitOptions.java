package fputsim.cli;

import fputsim.kernel.Expectation;
import fputsim.kernel.ExitMode;
import fputsim.kernel.KernelValidationException;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * kernel run's no-kill modes (issue 16 finding 7): how each iteration's workload ends before the
 * wait and umount, and what the run is judged by. A mixin, so that kernel run keeps its own options.
 */
final class KernelExitOptions {
    @Option(names = "--exit-mode", defaultValue = "kill", paramLabel = "MODE",
            description = {"how each iteration's workload ends (default: ${DEFAULT-VALUE}):",
                    "kill: SIGKILL fio after a random sleep (the seed reproducer);",
                    "fio-completes: fio runs --time_based for --runtime-ms and exits by itself;",
                    "close-ring: fputsim-close-ring (raw io_uring syscalls) submits --ring-depth reads,"
                            + " closes the ring with close(2) while they are in flight, and exits.",
                    "Then, in every mode: wait, umount (EBUSY counted), as in the kill mode."})
    String exitMode;

    @Option(names = "--runtime-ms", defaultValue = "1000", paramLabel = "MS",
            description = "fio-completes: fio's --runtime (default: ${DEFAULT-VALUE})")
    long runtimeMs;

    @Option(names = "--ring-depth", defaultValue = "32", paramLabel = "N",
            description = "close-ring: reads submitted before the close, 1..64 (default: ${DEFAULT-VALUE})")
    int ringDepth;

    @Option(names = "--ring-setup", defaultValue = "defer", paramLabel = "SETUP",
            description = "close-ring: defer (SINGLE_ISSUER|DEFER_TASKRUN, as fio 3.33), plain or sqpoll (default: ${DEFAULT-VALUE})")
    String ringSetup;

    @Option(names = "--ring-fixed", description = "close-ring: register the file (IORING_REGISTER_FILES) and read it as a fixed file")
    boolean ringFixed;

    @Option(names = "--ring-buffered", description = "close-ring: buffered reads (default: O_DIRECT, so that they are still in flight at the close)")
    boolean ringBuffered;

    @Option(names = "--ring-hold-ms", defaultValue = "0", paramLabel = "MS",
            description = "close-ring: stay alive this long after the close(2), then exit (default: ${DEFAULT-VALUE})")
    long ringHoldMs;

    @Option(names = "--expect", paramLabel = "WHAT",
            description = {"what the run is judged by: busy-sometimes, busy-never or observe (report the busy count, judge nothing;"
                    + " the run still fails when no iteration was tested).",
                    "Default: kill mode busy-sometimes with io_uring, busy-never otherwise; the no-kill modes observe."})
    String expect;

    /** The mode the options say; bad values are usage errors (one line, exit 2). */
    ExitMode mode() {
        try {
            ExitMode.Kind k = ExitMode.Kind.of(exitMode);
            boolean ringOptions = ringDepth != 32 || !"defer".equals(ringSetup) || ringFixed || ringBuffered || ringHoldMs != 0;
            if (k != ExitMode.Kind.CLOSE_RING && ringOptions) {
                throw new UsageError("--ring-depth, --ring-setup, --ring-fixed, --ring-buffered and --ring-hold-ms need --exit-mode close-ring");
            }
            if (k != ExitMode.Kind.FIO_COMPLETES && runtimeMs != 1000) {
                throw new UsageError("--runtime-ms needs --exit-mode fio-completes");
            }
            switch (k) {
                case FIO_COMPLETES:
                    return ExitMode.fioCompletes(Duration.ofMillis(runtimeMs));
                case CLOSE_RING:
                    return ExitMode.closeRing(ringDepth, ringSetup, ringFixed, ringBuffered).withRingHold(Duration.ofMillis(ringHoldMs));
                default:
                    return ExitMode.kill();
            }
        } catch (KernelValidationException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** --expect, or null: the run's default (from the engine in the kill mode, OBSERVE without the kill). */
    Expectation expectation(ExitMode m) {
        if (expect == null) {
            return m.kills() ? null : Expectation.OBSERVE;
        }
        switch (expect) {
            case "busy-sometimes":
                return Expectation.BUSY_SOMETIMES;
            case "busy-never":
                return Expectation.BUSY_NEVER;
            case "observe":
                return Expectation.OBSERVE;
            default:
                throw new UsageError("--expect '" + expect + "' unknown (use busy-sometimes, busy-never or observe)");
        }
    }
}
