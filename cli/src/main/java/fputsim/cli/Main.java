package fputsim.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The fputsim command's entry point: runs picocli and maps every failure to a documented exit code. */
public final class Main {
    private Main() {
    }

    private static volatile boolean processStdout;

    public static void main(String[] args) {
        processStdout = true;
        System.exit(run(args, System.out, System.err));
    }

    /** True when the commands print to this process's own stdout (main), not a caller's stream (tests). */
    static boolean processStdout() {
        return processStdout;
    }

    /** Runs a command line in-process (tests use this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new FputsimCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        boolean colour = System.getenv("NO_COLOR") == null;
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("fputsim: " + ex.getMessage().lines().findFirst().orElse("bad usage")
                    + " (see: fputsim " + ex.getCommandLine().getCommandName() + " --help)");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UsageError) {
                err.println("fputsim: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("fputsim: internal error: " + ex);
            if (System.getenv("FPUTSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }
}
