package fputsim.cli;

import fputsim.explore.Tally;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.report.Columns;
import fputsim.model.report.Counterexample;
import fputsim.model.report.HtmlReport;
import fputsim.model.report.Narration;
import fputsim.model.report.Swimlane;
import fputsim.model.report.TraceText;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** report: a self-contained HTML page (and the same counterexample as JSON, SVG and text) in a folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report of a counterexample (swimlane, quiz, steps, ledger, compare table)",
                "and beside it trace.json (Perfetto), swimlane.svg, columns.txt and explain.txt.",
                "Without a token: the counterexample check finds at --jobs 1 --iodepth 1 (scenario 03 on baseline-6.18 by default)."},
        footer = ExitCodes.HELP)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "a replay token (FPS1:...); default: check's counterexample")
    String token;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (created if missing)")
    Path out;

    @Option(names = "--variants", split = ",", paramLabel = "NAME", description = "also explore these variants and add a compare table")
    List<String> variants;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Override
    public Integer call() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UsageError("cannot create " + out + ": " + e.getMessage());
        }
        Reports.smallDefaults(model);
        explore.bounds();
        explore.strategy();
        Counterexample cx = token != null ? Reports.fromToken(token, model.variantClass) : Reports.shown(model.factory(), explore);
        HtmlReport.Table table = variants == null ? null : compare();
        Reports.writeText(out.resolve("index.html"), HtmlReport.render(cx, table));
        Reports.writePerfetto(out.resolve("trace.json"), cx);
        Reports.writeText(out.resolve("swimlane.svg"), Swimlane.svg(cx));
        Reports.writeText(out.resolve("columns.txt"), Columns.render(cx, TraceText.Detail.SUMMARY));
        Reports.writeText(out.resolve("explain.txt"), Narration.render(cx, model.variantClass == null ? "" : " --variant-class " + model.variantClass));
        PrintWriter w = spec.commandLine().getOut();
        w.println("report: " + out.resolve("index.html") + " (" + cx.title() + ", " + cx.actors().size() + " actors, "
                + cx.steps() + " steps" + (cx.violations().isEmpty() ? "" : ", " + cx.violations().get(0).outcome() + " at step " + cx.violationStep()) + ")");
        w.flush();
        return cx.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }

    private HtmlReport.Table compare() {
        Scenario s = model.scenario();
        ScenarioConfig c = model.config(s);
        List<String> header = new ArrayList<>(List.of("variant"));
        List<List<String>> rows = new ArrayList<>();
        for (String n : variants) {
            Variant v = Variants.find(n);
            if (v == null) {
                throw new UsageError(Suggest.unknown("variant", n, Variants.names()));
            }
            Checker.Result r = Checker.run(new ModelFactory(s, c, v), explore, new Progress(System.err, true));
            if (header.size() == 1) {
                r.exploration().tallies().forEach(t -> header.add(t.outcome()));
            }
            List<String> row = new ArrayList<>(List.of(v.name()));
            for (Tally t : r.exploration().tallies()) {
                row.add(CompareCommand.cell(r.exploration(), t));
            }
            rows.add(row);
        }
        return new HtmlReport.Table(header, rows);
    }
}
