package fputsim.cli;

import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.timed.MonteCarlo;
import fputsim.model.timed.TimedParam;
import fputsim.model.timed.TimedParams;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** predict-window: the timed mode's Monte Carlo over scenario 03 with the harness's retrying umount. */
@Command(name = "predict-window", mixinStandardHelpOptions = true,
        description = {"Predict how long the mount stays busy after wait(), from timed Monte Carlo runs of scenario 03.",
                "Each run is kill -9 fio; wait; [delay]; umount2 retried every 200 us, like the real harness.",
                "Prints P(first umount sees EBUSY) per delay and the window (wait returned to the last EBUSY).",
                "Defaults: 12 jobs x iodepth 2 (the seed reproducer), baseline-6.18. See docs/timed.md."},
        subcommands = CalibrateCommand.class, footer = ExitCodes.HELP)
final class PredictWindowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--all-variants", description = "one table per registered variant (instead of --variant)")
    boolean allVariants;

    @Option(names = "--runs", defaultValue = "500", paramLabel = "N", description = "timed runs per delay (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Monte Carlo seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--delays", split = ",", paramLabel = "MS", description = "harness delays between wait and umount, ms (default: 0,1,2,5,10,50,100)")
    List<Double> delays;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a timed parameter (repeatable; --list-params lists them)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--list-params", description = "print every timed parameter with its value, unit and source, then exit")
    boolean listParams;

    @Option(names = "--report", paramLabel = "DIR", description = "also write SVG plots and an HTML page into DIR")
    Path report;

    @Override
    public Integer call() {
        TimedParams p = params(overrides);
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        if (listParams) {
            listParams(out, p);
            return ExitCodes.OK;
        }
        ScenarioConfig c = config(model);
        List<Double> ds = delays(delays);
        if (runs < 1) {
            throw new UsageError("--runs must be at least 1");
        }
        List<Variant> vs = allVariants ? Variants.all() : List.of(model.variant());
        List<WindowReport.Table> tables = new ArrayList<>();
        for (Variant v : vs) {
            ModelFactory f = MonteCarlo.factory(c, v);
            List<MonteCarlo.Point> pts = MonteCarlo.sweep(f, p, ds, runs, seed);
            WindowReport.Table t = new WindowReport.Table(f.id(), v.name(), pts);
            WindowReport.print(out, t, runs, seed, p, overrides);
            tables.add(t);
        }
        if (report != null) {
            WindowReport.write(report, tables);
            out.println("report: " + report.resolve("index.html"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static TimedParams params(List<String> overrides) {
        try {
            return TimedParams.defaults().parse(overrides);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Scenario 03's configuration; the jobs default is the seed reproducer's 12. */
    static ScenarioConfig config(ModelOptions model) {
        Scenario s = model.scenario();
        if (!s.number().equals("03")) {
            throw new UsageError("predict-window models scenario 03 (io-uring-kill-umount) only, not " + s.key());
        }
        if (model.jobs == null) {
            model.jobs = 12;
        }
        ScenarioConfig c = model.config(s);
        if (!c.engine().equals("io_uring")) {
            throw new UsageError("predict-window needs --engine io_uring (with " + c.engine() + " there is no window)");
        }
        return c;
    }

    static List<Double> delays(List<Double> given) {
        List<Double> ds = given == null ? MonteCarlo.SWEEP_MS : given;
        for (double d : ds) {
            if (d < 0 || Double.isNaN(d) || d > 10_000) {
                throw new UsageError("--delays must be between 0 and 10000 ms, got " + d);
            }
        }
        return ds;
    }

    static void listParams(PrintStream out, TimedParams p) {
        for (TimedParam t : TimedParam.values()) {
            out.printf(Locale.ROOT, "%-26s %10s %-6s %s%n%26s source: %s%n", t.key, fmt(p.get(t)), t.unit, t.meaning, "", t.source);
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
