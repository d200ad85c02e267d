package fputsim.cli;

import fputsim.kernel.Interruption;

/**
 * SIGINT and SIGTERM during a real-kernel command: the first one interrupts the command's thread,
 * which stops the run, removes what it created, writes the partial results (KTAP ended properly,
 * summary.json, --json and --junit with "partial": true) and exits 130 (SIGINT) or 143 (SIGTERM).
 * A second signal exits at once with the same code; the run's supervisor then removes what is left.
 */
final class KernelSignals {
    private static volatile int code = ExitCodes.INTERRUPTED;

    private KernelSignals() {
    }

    static void install() {
        Thread main = Thread.currentThread();
        Interruption.signalled("");
        handle("INT", ExitCodes.INTERRUPTED, main);
        handle("TERM", ExitCodes.TERMINATED, main);
    }

    private static void handle(String name, int exit, Thread main) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), new sun.misc.SignalHandler() {
                private boolean seen;

                @Override
                public synchronized void handle(sun.misc.Signal s) {
                    if (seen || !Interruption.signal().isEmpty()) {
                        Runtime.getRuntime().halt(exit); // a second signal: give up at once
                    }
                    seen = true;
                    code = exit;
                    Interruption.signalled("SIG" + name);
                    main.interrupt();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signal handling here: the JVM's default (shutdown hooks) applies
        }
    }

    /** The exit code for an interrupted command: 130 after SIGINT, 143 after SIGTERM. */
    static int exitCode() {
        return code;
    }
}
