package fputsim.cli;

import fputsim.explore.Execution;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.report.Columns;
import fputsim.model.report.Counterexample;
import fputsim.model.report.Ledger;
import fputsim.model.report.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** replay: re-run one schedule from its token, byte for byte, and print its trace. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a schedule token (printed by check) and print its trace.", footer = ExitCodes.HELP)
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOKEN", description = "a replay token (FPS1:...)")
    String token;

    @Option(names = "--detail", completionCandidates = Candidates.Details.class, defaultValue = "steps", paramLabel = "LEVEL", description = "summary, steps or full (default: ${DEFAULT-VALUE})")
    String detail;

    @Option(names = "--variant-class", paramLabel = "CLASS", description = "the variant class the token was made with, if it is not built in")
    String variantClass;

    @Option(names = "--columns", description = "print the N-column interleaving (one column per actor, <= 100 characters wide) instead of ftrace text")
    boolean columns;

    @Option(names = "--perfetto", paramLabel = "FILE", description = "also write Chrome Trace Event JSON (opens in ui.perfetto.dev); - is standard output (the trace text then goes to standard error)")
    java.nio.file.Path perfetto;

    @Override
    public Integer call() {
        TraceText.Detail d = CheckCommand.detail(detail);
        ReplayToken t;
        ModelFactory f;
        try {
            t = ReplayToken.decode(token);
            f = ModelFactory.fromId(t.programId(), name -> Reports.variant(name, variantClass));
        } catch (ReplayToken.Invalid | IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (perfetto != null) {
            Outputs.checkWritable("--perfetto", perfetto);
        }
        Replay.Replayed<Kernel> r;
        Counterexample cx;
        try {
            r = Replay.run(Checker.withStates(f, d), t);
            cx = columns || perfetto != null ? Counterexample.replay(f, t) : null;
        } catch (ReplayToken.Invalid e) {
            throw new UsageError(e.getMessage());
        }
        PrintWriter out = Outputs.isStdio(perfetto) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (columns) {
            out.print(Columns.render(cx, d));
        } else {
            out.println("# scenario " + f.scenario().key() + ", " + f.config().id() + ", variant " + f.variant().name()
                    + ", model " + t.version() + ", strategy " + t.strategy() + ", seed " + t.seed());
            List<String> states = d == TraceText.Detail.FULL ? Ledger.states(r.program()) : null;
            out.print(TraceText.render(r.program().trace, d, states));
        }
        if (perfetto != null) {
            Reports.writePerfetto(perfetto, cx);
        }
        Execution e = r.execution();
        out.println("# ending: " + e.ending() + " after " + e.steps() + " steps, " + e.preemptions() + " preemptions");
        for (Execution.Violation v : e.violations()) {
            out.println("# violated: " + v.name() + " at step " + v.step());
        }
        out.flush();
        return e.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }
}
