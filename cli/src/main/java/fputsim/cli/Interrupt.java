package fputsim.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/** Ctrl-C stops exploration cleanly: the run returns its partial statistics and violations. */
final class Interrupt {
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private Interrupt() {
    }

    static boolean requested() {
        return REQUESTED.get();
    }

    /** Installs a SIGINT handler that sets the flag (the JVM's default would exit at once). */
    static void install() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                if (REQUESTED.getAndSet(true)) {
                    System.exit(130); // a second Ctrl-C: give up at once
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signal handling here: Ctrl-C ends the process as usual
        }
    }
}
