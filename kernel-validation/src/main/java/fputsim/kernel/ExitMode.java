/*
 * ExitMode: how the workload of an iteration ends before the wait and umount (issue 16, finding 7).
 * KILL is the seed reproducer (SIGKILL after a random sleep); FIO_COMPLETES runs fio time-based for
 * a short runtime and lets it exit by itself; CLOSE_RING runs fputsim-close-ring.c (raw io_uring
 * syscalls: submit reads, close(2) the ring with them in flight, exit). In both no-kill modes the
 * reaper waits for the child's own exit (bounded: past exitBound it kills it and the iteration
 * fails), then umounts as in the kill mode.
 * Leaves out: fio's own completion report (its output goes to the fio log, read only on failure).
 * Checks: the constructor rejects bad values with a one-line KernelValidationException.
 * Checked by: ExitModeTest, KtapTest, RealKernelNoKillTest.
 */
package fputsim.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public record ExitMode(Kind kind, Duration runtime, int ringDepth, String ringSetup, boolean ringFixed,
        boolean ringBuffered, Duration ringHold) {

    public enum Kind {
        /** SIGKILL fio after the sleep (the seed reproducer). */
        KILL("kill"),
        /** fio runs --time_based for the runtime and exits by itself. */
        FIO_COMPLETES("fio-completes"),
        /** fputsim-close-ring: submit reads, close(2) the ring with them in flight, exit. */
        CLOSE_RING("close-ring");

        /** The name in JSON, KTAP and on the command line. */
        public final String label;

        Kind(String label) {
            this.label = label;
        }

        public static Kind of(String label) {
            for (Kind k : values())
                if (k.label.equals(label))
                    return k;
            throw new KernelValidationException("unknown exit mode '" + label + "' (use kill, fio-completes or close-ring)");
        }
    }

    /** The ring setups of fputsim-close-ring: defer = SINGLE_ISSUER|DEFER_TASKRUN (fio 3.33), plain, sqpoll. */
    public static final Set<String> RING_SETUPS = Set.of("defer", "plain", "sqpoll");
    public static final int MAX_RING_DEPTH = 64;

    public ExitMode {
        if (kind == null)
            throw new KernelValidationException("exit mode missing");
        if (runtime == null || runtime.isNegative() || runtime.isZero() || runtime.compareTo(Duration.ofMinutes(10)) > 0)
            throw new KernelValidationException("fio's runtime must be more than 0 and at most 10 minutes");
        if (ringDepth < 1 || ringDepth > MAX_RING_DEPTH)
            throw new KernelValidationException("ring depth must be 1.." + MAX_RING_DEPTH);
        if (ringHold == null || ringHold.isNegative() || ringHold.compareTo(Duration.ofMinutes(10)) > 0)
            throw new KernelValidationException("ring hold must be 0 to 10 minutes");
        if (!RING_SETUPS.contains(ringSetup))
            throw new KernelValidationException("ring setup '" + ringSetup + "' unknown (use defer, plain or sqpoll)");
    }

    public static ExitMode kill() {
        return new ExitMode(Kind.KILL, Duration.ofSeconds(1), 32, "defer", false, false, Duration.ZERO);
    }

    /** fio runs time-based for {@code runtime}, then exits by itself. */
    public static ExitMode fioCompletes(Duration runtime) {
        return new ExitMode(Kind.FIO_COMPLETES, runtime, 32, "defer", false, false, Duration.ZERO);
    }

    /** fputsim-close-ring with {@code depth} reads on a ring set up as {@code setup}. */
    public static ExitMode closeRing(int depth, String setup, boolean fixed, boolean buffered) {
        return new ExitMode(Kind.CLOSE_RING, Duration.ofSeconds(1), depth, setup, fixed, buffered, Duration.ZERO);
    }

    /** fputsim-close-ring stays alive {@code hold} after the close(2), before it exits. */
    public ExitMode withRingHold(Duration hold) {
        return new ExitMode(kind, runtime, ringDepth, ringSetup, ringFixed, ringBuffered, hold);
    }

    public boolean kills() {
        return kind == Kind.KILL;
    }

    /** How long the reaper waits for the workload's own exit before it kills it (the iteration then fails). */
    public Duration exitBound() {
        return kind == Kind.FIO_COMPLETES ? runtime.plusSeconds(60) : ringHold.plusSeconds(20);
    }

    /** The name of the run's check and KTAP results: the engine, then the mode unless it is the kill. */
    public String label(String ioengine) {
        return kills() ? ioengine : ioengine + "-" + kind.label;
    }

    /** fio's extra arguments of FIO_COMPLETES (before the user's: fio's last value wins). */
    List<String> fioArgs() {
        return kind == Kind.FIO_COMPLETES ? List.of("--time_based=1", "--runtime=" + runtime.toMillis() + "ms") : List.of();
    }

    /** fputsim-close-ring's argv after the binary. */
    List<String> closeRingArgs(java.nio.file.Path file) {
        List<String> a = new ArrayList<>(List.of("--file", file.toString(), "--depth", Integer.toString(ringDepth),
                "--setup", ringSetup));
        if (ringFixed)
            a.add("--fixed");
        if (ringBuffered)
            a.add("--buffered");
        if (!ringHold.isZero())
            a.addAll(List.of("--hold-ms", Long.toString(ringHold.toMillis())));
        return a;
    }

    /** One phrase for the KTAP header: what ended each iteration's workload. */
    public String describe() {
        switch (kind) {
            case FIO_COMPLETES:
                return "no kill: fio runs " + runtime.toMillis() + " ms time-based and exits by itself";
            case CLOSE_RING:
                return "no kill: fputsim-close-ring submits " + ringDepth + (ringBuffered ? " buffered" : " O_DIRECT")
                        + " reads on a " + ringSetup + " ring" + (ringFixed ? " with the file registered" : "")
                        + ", closes the ring with close(2), " + (ringHold.isZero() ? "" : "waits " + ringHold.toMillis() + " ms, ")
                        + "exits";
            default:
                return "kill -9";
        }
    }
}
