package fputsim.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C stops exploration cleanly: the run returns its partial statistics and violations, every
 * verdict line says "interrupted", and the exit code is {@link ExitCodes#INTERRUPTED} unless a
 * violation was found (then {@link ExitCodes#VIOLATION}: a counterexample is a proof).
 */
final class Interrupt {
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    /** Tests: polls left before a simulated Ctrl-C (0: none armed). */
    private static final AtomicInteger SIMULATED = new AtomicInteger();

    private Interrupt() {
    }

    static boolean requested() {
        if (SIMULATED.get() > 0 && SIMULATED.decrementAndGet() == 0) {
            REQUESTED.set(true);
        }
        return REQUESTED.get();
    }

    /** Installs a SIGINT handler that sets the flag (the JVM's default would exit at once). */
    static void install() {
        REQUESTED.set(false);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                if (REQUESTED.getAndSet(true)) {
                    System.exit(ExitCodes.INTERRUPTED); // a second Ctrl-C: give up at once
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signal handling here: Ctrl-C ends the process as usual
        }
    }

    /** Tests: behave as if Ctrl-C was pressed at the {@code polls}-th poll of the flag of the next command. */
    static void simulateAfter(int polls) {
        SIMULATED.set(polls);
    }
}
