package fputsim.cli;

/** The documented exit codes of every fputsim command. */
public final class ExitCodes {
    /** No forbidden outcome observed (or the real-kernel run passed). */
    public static final int OK = 0;
    /** A property was violated (or a real-kernel test failed). */
    public static final int VIOLATION = 1;
    /** Bad usage or bad input. */
    public static final int USAGE = 2;
    /** An internal error (a bug in fputsim). */
    public static final int INTERNAL = 3;
    /** Skipped: a requirement of a real-kernel command is missing. */
    public static final int SKIPPED = 77;
    /** A real-kernel command stopped by SIGINT (128 + 2): partial results written, everything it created removed. */
    public static final int INTERRUPTED = 130;
    /** A real-kernel command stopped by SIGTERM (128 + 15): as INTERRUPTED. */
    public static final int TERMINATED = 143;

    public static final String HELP = "%nExit codes:%n  0   no violation%n  1   a property violated (or a real-kernel test failed)%n"
            + "  2   bad usage or bad input%n  3   internal error%n  77  skipped (a real-kernel requirement is missing)%n"
            + "  130 interrupted by SIGINT (kernel commands: partial results written, nothing left behind)%n"
            + "  143 terminated by SIGTERM (as 130); SIGKILL gives 137 from the shell, and the run's%n"
            + "      supervisor removes what it created%n";

    private ExitCodes() {
    }
}
