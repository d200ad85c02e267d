package fputsim.cli;

/** The documented exit codes of every fputsim command. */
public final class ExitCodes {
    /** No forbidden outcome observed by an exhaustive search (or the real-kernel run passed). */
    public static final int OK = 0;
    /** A property was violated: a counterexample is a proof, however complete the search (or a real-kernel test failed). */
    public static final int VIOLATION = 1;
    /** Bad usage or bad input. */
    public static final int USAGE = 2;
    /** An internal error (a bug in fputsim). */
    public static final int INTERNAL = 3;
    /**
     * No violation found, but the search was not exhaustive (a bound cut it, or it sampled):
     * nothing is proven. For compare: no fix fails, but some search was not exhaustive.
     */
    public static final int INCOMPLETE = 4;
    /** Interrupted (Ctrl-C) before a violation was found: the partial result printed proves nothing. */
    public static final int INTERRUPTED = 130;
    /** Skipped: a requirement of a real-kernel command is missing. */
    public static final int SKIPPED = 77;
    /** A real-kernel command stopped by SIGTERM (128 + 15): partial results written, everything it created removed. */
    public static final int TERMINATED = 143;

    public static final String HELP = "%nExit codes:%n  0   no violation, and the search was exhaustive: Never is a proof (dfs-sleep, dfs-nopor,%n      --state-cache on; not dfs or dfs-optimal on the kernel model: docs/explorer.md, point 7)%n"
            + "  1   a property violated (or a real-kernel test failed)%n"
            + "  2   bad usage or bad input%n  3   internal error%n"
            + "  4   no violation found, but the search was not exhaustive (bounded, sampled, or a DPOR search%n      that is not a proof; Unseen is not a proof)%n"
            + "  77  skipped (a real-kernel requirement is missing)%n"
            + "  130 interrupted (Ctrl-C) before a violation was found; the partial result proves nothing%n"
            + "      (kernel commands: partial results written, nothing left behind)%n"
            + "  143 a kernel command terminated by SIGTERM (as 130); SIGKILL gives 137 from the shell, and%n"
            + "      the run's supervisor removes what it created%n";

    /** compare's codes: what a script that asks "do the fixes hold?" reads. */
    public static final String COMPARE_HELP = "%nExit codes (a baseline row is baseline-6.18 or baseline-6.1; every other row is a fix):%n"
            + "  0   the fixes hold: every fix row violates nothing, by an exhaustive search%n"
            + "  1   a fix fails: some fix row violates a property (with no fix row: a row violates)%n"
            + "  2   bad usage or bad input%n  3   internal error%n"
            + "  4   inconclusive: no fix row violates, but some fix row's search was not exhaustive%n      (with dfs or dfs-optimal on the kernel model always: --state-cache on proves)%n"
            + "  130 interrupted (Ctrl-C) before a fix failed%n";

    private ExitCodes() {
    }
}
