/*
 * Interruption: why a run's thread was interrupted, for the partial results it then writes.
 * The CLI's SIGINT/SIGTERM handlers set the signal's name before interrupting the main thread;
 * a plain Thread.interrupt() (tests, an embedding program) leaves it empty.
 * Leaves out: SIGKILL (nothing runs then; the snapshot written after the last iteration stays).
 */
package fputsim.kernel;

public final class Interruption {
    private static volatile String signal = "";

    private Interruption() {
    }

    /** Called by a signal handler before it interrupts the run's thread: "SIGINT", "SIGTERM". */
    public static void signalled(String name) {
        signal = name;
    }

    public static String signal() {
        return signal;
    }

    /** "interrupted by SIGINT after 3 of 30 iterations" */
    static String describe(int done, int planned) {
        return "interrupted" + (signal.isEmpty() ? "" : " by " + signal) + " after " + done + " of " + planned + " iterations";
    }
}
