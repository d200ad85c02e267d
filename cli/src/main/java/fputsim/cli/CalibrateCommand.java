package fputsim.cli;

import fputsim.model.Variant;
import fputsim.model.timed.Calibration;
import fputsim.model.timed.MonteCarlo;
import fputsim.model.timed.TimedParam;
import fputsim.model.timed.TimedParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** predict-window calibrate: fit the latencies to one real-kernel run, then predict the others. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit the timed mode's latencies to one real-kernel run, then predict other runs.",
                "--fit fits task_step_us, exit_mm_last_us, kworker_step_us, timer_late_us and io_buffered_us to the window"
                        + " quartiles, long-window share and kill-to-wait median of ONE kernel-validation results folder;"
                        + " --check compares the fitted model with other results folders, which were not used for the fit."
                        + " Without --fit, it compares with the --set values."},
        footer = ExitCodes.HELP)
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fit", paramLabel = "DIR", description = "results folder (one run: iterations.json and fio-args.txt) to fit on")
    Path fit;

    @Option(names = "--check", paramLabel = "DIR", description = "results folders to predict (every run under DIR; repeatable)")
    List<Path> check = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "200", paramLabel = "N", description = "timed runs per evaluation (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Monte Carlo seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "start values (with --fit) or the model to check (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--min-kill-sleep-ms", defaultValue = "450", paramLabel = "MS",
            description = "use only iterations killed at least this long after fio started (default: ${DEFAULT-VALUE};"
                    + " earlier kills find idle rings, which the model does not cover)")
    double minSleepMs;

    @Option(names = "--variant", defaultValue = "baseline-6.18", paramLabel = "NAME", description = "kernel variant (default: ${DEFAULT-VALUE})")
    String variant;

    @Option(names = "--targets", description = "with --fit: also print issue 16's target table (finding 10): the busy rate of every"
            + " run on the fitted configuration (each delay) with its 95 %% Wilson interval, against +-15 points, and the window"
            + " median of every run on another configuration, with its 95 %% order-statistics interval, against +-30 %%")
    boolean targets;

    @Override
    public Integer call() {
        TimedParams p = PredictWindowCommand.params(overrides);
        if (runs < 1) {
            throw new UsageError("--runs must be at least 1");
        }
        if (fit == null && check.isEmpty()) {
            throw new UsageError("give --fit DIR, --check DIR, or both");
        }
        if (targets && fit == null) {
            throw new UsageError("--targets needs --fit DIR (the targets are for a model fitted on one run)");
        }
        Variant v = ModelOptions.loadVariantByName(variant);
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        List<Calibration.Measured> fittedOn = new ArrayList<>();
        if (fit != null) {
            List<Calibration.Measured> ms = RealRuns.read(fit, minSleepMs);
            if (ms.size() != 1) {
                throw new UsageError("--fit needs exactly one results folder, " + fit + " holds " + ms.size());
            }
            Calibration.Measured m = ms.get(0);
            fittedOn.add(m);
            out.printf(Locale.ROOT, "fitting on %s: %s, delay %s ms, %d iterations, busy %.2f, window p50 %s ms%n", m.label(),
                    m.config().id(), PredictWindowCommand.fmt(m.delayMs()), m.tested(), m.busyRate(), WindowReport.ms(m.windowMedian()));
            Calibration.Fit f = Calibration.fit(m, p, v, runs, seed, line -> out.println("  " + line));
            p = f.params();
            out.printf(Locale.ROOT, "fitted (loss %.3f, %d evaluations of %d runs):%n  %s%n", f.loss(), f.evaluations(), runs, setLine(p));
        }
        List<Calibration.Measured> all = new ArrayList<>(fittedOn);
        for (Path c : check) {
            for (Calibration.Measured m : RealRuns.read(c, minSleepMs)) {
                if (!contains(all, m)) {
                    all.add(m);
                }
            }
        }
        List<Calibration.Comparison> cs = Calibration.compare(all, fittedOn, p, v, runs, seed);
        table(out, cs);
        if (targets) {
            targetTable(out, Calibration.targets(cs, fittedOn.get(0)), fittedOn.get(0), runs, minSleepMs);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean contains(List<Calibration.Measured> ms, Calibration.Measured m) {
        for (Calibration.Measured x : ms) {
            if (x.label().equals(m.label()) && x.config().equals(m.config()) && x.delayMs() == m.delayMs()) {
                return true;
            }
        }
        return false;
    }

    /** The fitted values as predict-window arguments. */
    static String setLine(TimedParams p) {
        StringBuilder sb = new StringBuilder();
        for (TimedParam t : Calibration.FITTED) {
            sb.append("--set ").append(t.key).append('=').append(PredictWindowCommand.fmt(p.get(t))).append(' ');
        }
        sb.append("--set ").append(TimedParam.IO_DIRECT_US.key).append('=').append(PredictWindowCommand.fmt(p.get(TimedParam.IO_DIRECT_US)));
        return sb.toString();
    }

    static void table(PrintStream out, List<Calibration.Comparison> cs) {
        out.println("run                   config                      delay_ms  n   busy meas/pred   window_p50_ms meas/pred  long_share meas/pred  kill_to_wait_p50 meas/pred");
        for (Calibration.Comparison c : cs) {
            Calibration.Measured m = c.measured();
            MonteCarlo.Point p = c.predicted();
            String cfg = cfg(m);
            out.printf(Locale.ROOT, "%-21s %-27s %8s %3d  %.2f / %.2f      %8s / %-8s     %.2f / %.2f         %6s / %s%s%n",
                    m.label(), cfg, PredictWindowCommand.fmt(m.delayMs()), m.tested(), m.busyRate(), p.busyRate(),
                    WindowReport.ms(m.windowMedian()), WindowReport.ms(p.windowQuantile(0.5)), m.longShare(),
                    longShare(p), WindowReport.ms(MonteCarlo.quantile(m.killToWaitMs(), 0.5)),
                    WindowReport.ms(p.killToWaitMedian()), c.usedForFit() ? "   (fitted on this run)" : "");
        }
    }

    private static String cfg(Calibration.Measured m) {
        return "j" + m.config().jobs() + " d" + m.config().iodepth() + (m.config().direct() ? " direct" : "")
                + (m.config().sqpoll() ? " sqpoll" : "") + (m.config().fixed() ? " fixed" : "");
    }

    /** Issue 16's table: each row's measured figure with its 95 % interval, the prediction, the error and the verdict. */
    static void targetTable(PrintStream out, List<Calibration.Target> ts, Calibration.Measured fitted, int runs, double minSleepMs) {
        out.println();
        out.printf(Locale.ROOT, "targets (issue 16, finding 10): model fitted on %s (%s, delay %s ms); measured: iterations killed"
                        + " >= %s ms after fio started; predicted: %d timed runs each%n", fitted.label(), cfg(fitted),
                PredictWindowCommand.fmt(fitted.delayMs()), PredictWindowCommand.fmt(minSleepMs), runs);
        out.printf(Locale.ROOT, "  busy rows: every run on %s, target |predicted - measured| <= %s points; interval: Wilson 95 %%%n",
                cfg(fitted), PredictWindowCommand.fmt(Calibration.BUSY_TARGET_POINTS));
        out.printf(Locale.ROOT, "  median rows: every other run, target predicted / measured within 1 +- %s; interval: order statistics 95 %%%n",
                PredictWindowCommand.fmt(Calibration.MEDIAN_TARGET_SHARE));
        out.println("run                   config             delay_ms    n  figure       measured  [95 % interval]     predicted  error        target");
        int busyPass = 0;
        int busyRows = 0;
        int medPass = 0;
        int medRows = 0;
        for (Calibration.Target t : ts) {
            Calibration.Measured m = t.comparison().measured();
            if (t.kind() == Calibration.Target.Kind.BUSY) {
                busyRows++;
                busyPass += t.pass() ? 1 : 0;
                out.printf(Locale.ROOT, "%-21s %-18s %8s %4d  busy rate    %2d/%-2d=%4.2f [%4.2f, %4.2f]     %9.2f  %+6.0f pts   %s%n",
                        m.label(), cfg(m), PredictWindowCommand.fmt(m.delayMs()), m.tested(), m.busy(), m.tested(), t.measured(),
                        t.interval()[0], t.interval()[1], t.predicted(), t.error(), t.pass() ? "pass" : "FAIL");
            } else {
                medRows++;
                medPass += t.pass() ? 1 : 0;
                out.printf(Locale.ROOT, "%-21s %-18s %8s %4d  window p50   %8s  [%s, %s] ms (%d busy)  %9s  %-11s  %s%n",
                        m.label(), cfg(m), PredictWindowCommand.fmt(m.delayMs()), m.tested(), WindowReport.ms(t.measured()),
                        ms1(t.interval()[0]), ms1(t.interval()[1]), m.windowsMs().length, WindowReport.ms(t.predicted()),
                        Double.isNaN(t.error()) ? "-" : String.format(Locale.ROOT, "x%.2f", t.error()), t.pass() ? "pass" : "FAIL");
            }
        }
        out.printf(Locale.ROOT, "met: busy %d of %d, median %d of %d%n", busyPass, busyRows, medPass, medRows);
    }

    private static String ms1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double longShare(MonteCarlo.Point p) {
        int n = 0;
        for (double w : p.windowsMs()) {
            if (w > Calibration.LONG_WINDOW_MS) {
                n++;
            }
        }
        return p.windowsMs().length == 0 ? 0 : (double) n / p.windowsMs().length;
    }
}
