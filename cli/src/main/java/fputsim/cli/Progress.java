package fputsim.cli;

import fputsim.explore.Stats;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Progress of a long run on stderr: a line redrawn in place on a terminal, a one-line record every
 * few seconds otherwise, nothing with --quiet.
 */
final class Progress implements Consumer<Stats> {
    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal;
    private long last = System.nanoTime();
    private boolean drawn;

    Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null && System.getenv("TERM") != null;
    }

    @Override
    public void accept(Stats s) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        long every = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - last < every) {
            return;
        }
        last = now;
        if (terminal) {
            err.print("\r" + s.progressLine() + "   ");
            drawn = true;
        } else {
            err.println(s.progressLine());
        }
    }

    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            drawn = false;
        }
    }
}
