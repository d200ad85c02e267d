package fputsim.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The fputsim command's entry point: runs picocli, runs the command in a watched worker thread
 * ({@link Watchdog}) and maps every failure to one line on stderr and a documented exit code:
 * bad usage or input (a user's variant that throws, recurses without end or overruns
 * --time-limit included) is 2, out of memory and fputsim's own bugs are 3.
 */
public final class Main {
    static final String OUT_OF_MEMORY = "fputsim: out of memory (the run needs more heap than the JVM has: lower --jobs, --iodepth,"
            + " --max-steps or --runs, or give more with FPUTSIM_JAVA_OPTS=-Xmx4g; partial output removed)";

    private Main() {
    }

    private static volatile boolean processStdout;

    public static void main(String[] args) {
        processStdout = true;
        int code = run(args, System.out, System.err, true);
        System.out.flush();
        System.exit(code);
    }

    /** True when the commands print to this process's own stdout (main), not a caller's stream (tests). */
    static boolean processStdout() {
        return processStdout;
    }

    /** Runs a command line in-process (tests use this); the watchdog never ends the process. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean mayHalt) {
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Outputs.stdout = out;
        boolean colour = System.getenv("NO_COLOR") == null;
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("fputsim: " + firstLine(ex.getMessage(), "bad usage")
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, err));
        Watchdog.Exit exit = mayHalt ? code -> {
            System.out.flush();
            Runtime.getRuntime().halt(code);
        } : code -> { };
        cl.setExecutionStrategy(parsed -> {
            String limit = timeLimit(parsed);
            long nanos = limit == null ? 0 : ExploreOptions.parseTimeLimit(limit, true);
            try {
                return Watchdog.run(() -> new CommandLine.RunLast().execute(parsed), nanos, limit, err, exit);
            } catch (Watchdog.Failure f) {
                Throwable t = f.getCause();
                if (t instanceof CommandLine.ExecutionException e && e.getCause() != null) {
                    t = e.getCause();
                }
                if (t instanceof CommandLine.ParameterException p) {
                    throw p;
                }
                return failure(t, err);
            }
        });
        return cl.execute(args);
    }

    /** The command tree, with fputsim's version on every subcommand and ASCII-only numbers. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FputsimCommand());
        Numbers.register(cl);
        versions(cl);
        return cl;
    }

    private static void versions(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new VersionProvider());
        cl.getSubcommands().values().forEach(Main::versions);
    }

    /** The --time-limit text of the command that runs (the last subcommand), or null. */
    static String timeLimit(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine.Model.OptionSpec o = last.matchedOption("--time-limit");
        return o == null ? null : o.getValue();
    }

    /** One line and an exit code for anything a command threw. */
    static int failure(Throwable ex, PrintStream err) {
        Outputs.abandon();
        if (ex instanceof UsageError) {
            err.println("fputsim: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println(OUT_OF_MEMORY);
            err.flush();
            return ExitCodes.INTERNAL;
        }
        StackTraceElement user = Watchdog.userFrame(ex.getStackTrace());
        if (user != null) {
            String what = ex instanceof StackOverflowError ? "recursed without end (StackOverflowError)"
                    : "threw " + ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage(), ""));
            err.println("fputsim: " + Watchdog.describe(user) + " " + what + " (a bug in the variant, not in fputsim)");
            return ExitCodes.USAGE;
        }
        err.println("fputsim: internal error: " + firstLine(String.valueOf(ex), "?") + " (a bug in fputsim; FPUTSIM_DEBUG=1 prints the stack)");
        if (System.getenv("FPUTSIM_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return ExitCodes.INTERNAL;
    }

    static String firstLine(String s, String dflt) {
        return s == null ? dflt : s.lines().findFirst().orElse(dflt);
    }
}
