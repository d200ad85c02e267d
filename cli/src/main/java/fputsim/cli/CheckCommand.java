package fputsim.cli;

import fputsim.model.ModelFactory;
import fputsim.model.report.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** check: explore one scenario on one variant and report every property. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Explore a scenario on a kernel variant and print herd7-style verdicts, per property.",
                "Defaults: scenario 03 (io-uring-kill-umount), 2 jobs x iodepth 2, baseline-6.18, exhaustive DPOR."},
        footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Option(names = "--detail", completionCandidates = Candidates.Details.class, defaultValue = "summary", paramLabel = "LEVEL",
            description = "counterexample trace: summary, steps or full (default: ${DEFAULT-VALUE})")
    String detail;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON (schema: docs/json/check-v1.schema.json); - is standard output")
    Path json;

    @Option(names = "--perfetto", paramLabel = "FILE", description = "write the first counterexample as Chrome Trace Event JSON (opens in ui.perfetto.dev); - is standard output")
    Path perfetto;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Override
    public Integer call() {
        TraceText.Detail d = detail(detail);
        ModelFactory f = model.factory();
        explore.bounds();
        explore.strategy();
        if (json != null) {
            Outputs.checkWritable("--json", json);
        }
        if (perfetto != null) {
            Outputs.checkWritable("--perfetto", perfetto);
        }
        if (Outputs.isStdio(json) && Outputs.isStdio(perfetto)) {
            throw new UsageError("only one of --json and --perfetto can be - (standard output)");
        }
        // With a JSON document on standard output, the text goes to standard error.
        boolean textToErr = Outputs.isStdio(json) || Outputs.isStdio(perfetto);
        PrintStream out = new PrintStream(new WriterStream(textToErr ? spec.commandLine().getErr() : spec.commandLine().getOut()), true);
        Interrupt.install();
        Checker.Result r = Checker.run(f, explore, new Progress(System.err, quiet));
        Checker.header(out, f, explore, r.exploration());
        Checker.verdicts(out, r.exploration());
        out.println(Checker.statsLine(r.exploration()));
        if (r.guarantee() != null) {
            out.println(r.guarantee());
        }
        for (Checker.Witness w : r.witnesses()) {
            Checker.witness(out, f, w, d);
        }
        if (json != null) {
            JsonOutput.writeCheck(json, r, explore);
        }
        if (perfetto != null && !r.witnesses().isEmpty()) {
            Reports.writePerfetto(perfetto, fputsim.model.report.Counterexample.replay(f, r.witnesses().get(0).token()));
            out.println("perfetto:  " + perfetto + " (open in ui.perfetto.dev)");
        } else if (perfetto != null) {
            out.println("perfetto:  not written, no property was violated");
        }
        out.flush();
        return r.witnesses().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }

    static TraceText.Detail detail(String s) {
        return switch (s) {
            case "summary" -> TraceText.Detail.SUMMARY;
            case "steps" -> TraceText.Detail.STEPS;
            case "full" -> TraceText.Detail.FULL;
            default -> throw new UsageError(Suggest.unknown("detail level", s, java.util.List.of("summary", "steps", "full")));
        };
    }
}
