package fputsim.cli;

import fputsim.explore.Tally;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.check.Comparison;
import fputsim.model.check.ModelCheck;
import fputsim.model.report.Columns;
import fputsim.model.report.Counterexample;
import fputsim.model.report.HtmlReport;
import fputsim.model.report.Narration;
import fputsim.model.report.Swimlane;
import fputsim.model.report.TraceText;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** report: a self-contained HTML page (and the same counterexample as JSON, SVG and text) in a folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report of a counterexample, with its trace files beside it.",
                "The page has the swimlane, a quiz, the steps, the reference ledger and a compare table;"
                        + " beside it: trace.json (Perfetto), swimlane.svg, columns.txt and explain.txt.",
                "Without a token: the counterexample check finds at --jobs 1 --iodepth 1 (scenario 03 on baseline-6.18 by default)."},
        footer = ExitCodes.HELP)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "a replay token (FPS1:...); default: check's counterexample")
    String token;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (created if missing)")
    Path out;

    @Option(names = "--variants", split = ",", paramLabel = "NAME", description = "also explore these variants (names, or classes of your own) and add a compare table")
    List<String> variants;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Override
    public Integer call() {
        if (out.toString().isBlank()) {
            throw new UsageError("--out needs a folder name (got an empty one)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageError("cannot create " + out + ": a file of that name exists (--out needs a folder)");
        }
        Reports.smallDefaults(model);
        explore.bounds();
        explore.strategy();
        if (variants != null && variants.isEmpty()) {
            throw new UsageError("--variants needs at least one name");
        }
        List<Variant> compared = variants == null ? null : variants.stream().map(v -> ModelOptions.resolve(v.strip())).toList();
        // Everything is computed before the folder is made: bad input leaves nothing behind.
        String variantClass = model.variantClass();
        Counterexample cx = token != null ? Reports.fromToken(token, variantClass) : Reports.shown(model.factory(), explore);
        HtmlReport.Table table = compared == null ? null : compare(compared);
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("index.html", HtmlReport.render(cx, table));
        files.put("trace.json", fputsim.model.report.PerfettoJson.toJson(cx));
        files.put("swimlane.svg", Swimlane.svg(cx));
        files.put("columns.txt", Columns.render(cx, TraceText.Detail.SUMMARY));
        // the replay line must name the user's variant class, or the token cannot be replayed
        files.put("explain.txt", Narration.render(cx, variantClass == null ? "" : " --variant-class " + variantClass));
        Outputs.createDirectory("--out", out);
        List<Path> written = new ArrayList<>();
        try {
            for (java.util.Map.Entry<String, String> f : files.entrySet()) {
                Path p = out.resolve(f.getKey());
                boolean existed = Files.exists(p);
                Reports.writeText(p, f.getValue());
                if (!existed) {
                    written.add(p); // removed again if a later file fails (an older report's file is left as it was)
                }
            }
        } catch (UsageError e) {
            written.forEach(Outputs::deleteQuietly);
            Outputs.removeIfCreated(out);
            throw e;
        }
        Outputs.keep(out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("report: " + out.resolve("index.html") + " (" + cx.title() + ", " + cx.actors().size() + " actors, "
                + cx.steps() + " steps" + (cx.violations().isEmpty() ? "" : ", " + cx.violations().get(0).outcome() + " at step " + cx.violationStep()) + ")");
        w.flush();
        return cx.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }

    private HtmlReport.Table compare(List<Variant> vs) {
        Scenario s = model.scenario();
        ScenarioConfig c = model.config(s);
        List<String> header = new ArrayList<>(List.of("variant"));
        List<List<String>> rows = new ArrayList<>();
        for (Variant v : vs) {
            ModelCheck.Result r = Checker.run(new ModelFactory(s, c, v), explore, new Progress(System.err, true));
            if (header.size() == 1) {
                r.exploration().tallies().forEach(t -> header.add(t.outcome()));
            }
            List<String> row = new ArrayList<>(List.of(v.name()));
            for (Tally t : r.exploration().tallies()) {
                row.add(Comparison.cell(r.exploration(), t));
            }
            rows.add(row);
        }
        return new HtmlReport.Table(header, rows);
    }
}
