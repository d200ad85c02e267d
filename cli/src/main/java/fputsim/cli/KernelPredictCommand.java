package fputsim.cli;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import fputsim.kernel.Interruption;
import fputsim.kernel.KernelValidationException;
import fputsim.kernel.Ktap;
import fputsim.kernel.ReproducerRun;
import fputsim.kernel.predict.FioConfig;
import fputsim.kernel.predict.Prediction;
import fputsim.kernel.predict.PredictionTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** kernel predict: the model's Never/Sometimes next to the kernel's busy count, per fio configuration. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Put the model's verdict next to the kernel's measured busy count, per fio configuration.",
                "The model's umount-busy-after-reap verdict (Sometimes by DPOR; Unseen when DPOR saw none, which is not a proof"
                        + " (docs/explorer.md, point 7), or when --model-max-schedules cut the search) is printed next to what the kernel measured (the reproducer, a few iterations).",
                "Without --model-jobs, the model size is the largest (jobs growing from 1 at --model-iodepth, up to the configuration's jobs)"
                        + " whose search ran out (every schedule its reduction asks for) within --model-size-budget (60 s each); one line per configuration says which and why.",
                "A configuration is ENGINE[:JOBSxDEPTH][+direct][+sqpoll][+fixed], e.g. io_uring:12x2+sqpoll."},
        footer = {"%nExit codes:%n  0   every measured configuration agrees (--model-only: every model search was exhaustive)%n  1   a disagreement (the row says NO)%n"
                + "  2   bad usage or bad input%n  3   internal error%n"
                + "  4   --model-only: some model search saw no violation but was not exhaustive (cut by --model-max-schedules, or DPOR, which is not a proof on the model): its Unseen is not a proof%n"
                + "  77  skipped (a real-kernel requirement is missing)%n"
                + "  130 interrupted by SIGINT (partial results written, nothing left behind)%n  143 terminated by SIGTERM (as 130)%n"})
final class KernelPredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "SPEC", split = ",",
            description = "configurations (default: io_uring:12x2, +direct, +sqpoll, +fixed, io_uring:4x8, psync:12x1, libaio:12x2, libaio:12x2+direct)")
    List<String> configs;

    @Option(names = "--iterations", defaultValue = "10", description = "reproducer iterations per configuration (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random kill delay (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model-jobs", paramLabel = "N",
            description = "model size: jobs (default: the largest whose search runs out within --model-size-budget, jobs growing from 1 up to the configuration's)")
    Integer modelJobs;

    @Option(names = "--model-size-budget", defaultValue = "60s", paramLabel = "DURATION",
            description = "without --model-jobs: the time each model size gets, e.g. 30s or 2m (default: ${DEFAULT-VALUE}); the size chosen depends on this machine's speed, and is printed")
    String sizeBudget;

    @Option(names = "--model-size-schedules", paramLabel = "N",
            description = "without --model-jobs: the schedules each model size gets besides the time (default: no limit but --model-max-schedules)")
    Long sizeSchedules;

    @Option(names = "--model-iodepth", defaultValue = "2", paramLabel = "N", description = "model size: iodepth (default: ${DEFAULT-VALUE})")
    int modelDepth;

    @Option(names = "--model-max-schedules", defaultValue = "200000", paramLabel = "N",
            description = "schedules per model check; hitting it makes the verdict bounded (default: ${DEFAULT-VALUE})")
    long maxSchedules;

    @Option(names = "--model-prove", defaultValue = "on", paramLabel = "on|off",
            description = "a DPOR model check that runs out clean (not a proof on the kernel model: docs/explorer.md, point 7) is searched"
                    + " again with sleep sets (dfs-sleep) at the same size and bounds, and a finished search is a proven Never; off: DPOR's"
                    + " answer only (default: ${DEFAULT-VALUE})")
    String prove;

    @Option(names = "--model-only", description = "print the model's column only; run nothing on the kernel")
    boolean modelOnly;

    @Option(names = "--results", paramLabel = "DIR", description = "results folder (default: results/)")
    Path results;

    @Option(names = "--ktap", description = "print one KTAP document on stdout: each configuration a subtest (its run's KTAP), everything else diagnostics")
    boolean ktap;

    @Option(names = "--require", description = "missing requirements fail (exit 1) instead of skipping (77)")
    boolean require;

    @Override
    public Integer call() throws InterruptedException {
        if (iterations < 1 || (modelJobs != null && modelJobs < 1) || modelDepth < 1 || maxSchedules < 1) {
            throw new UsageError("--iterations, --model-jobs, --model-iodepth and --model-max-schedules must be at least 1");
        }
        List<FioConfig> cs = new ArrayList<>();
        for (String s : configs == null ? FioConfig.DEFAULTS : configs) {
            try {
                cs.add(FioConfig.parse(s));
            } catch (NumberFormatException e) {
                throw new UsageError("bad --config '" + s + "': jobs and iodepth must be whole numbers in 1.."
                        + fputsim.model.scenario.ScenarioConfig.MAX_JOBS + " and 1.." + fputsim.model.scenario.ScenarioConfig.MAX_IODEPTH);
            } catch (IllegalArgumentException e) {
                throw new UsageError("bad --config '" + s + "': " + e.getMessage());
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        String kernel = System.getProperty("os.version");
        // --ktap: stdout is ONE KTAP document, each configuration's run a subtest, everything else diagnostics
        PrintStream raw = new PrintStream(new WriterStream(w), true);
        Ktap top = ktap ? new Ktap(raw) : null;
        java.util.function.Consumer<String> say = l -> {
            if (top != null) {
                top.diag(l);
            } else {
                w.println(l);
                w.flush();
            }
        };
        if (top != null) {
            top.plan(cs.size());
        }
        AutoSize.Budget budget = budget();
        say.accept("fputsim kernel predict: kernel " + kernel + ", model " + fputsim.model.KernelVersion.MODEL + " at "
                + (modelJobs != null ? modelJobs + " job(s) x iodepth " + modelDepth
                : "the largest size whose search finishes within " + budget.describe() + " per configuration (jobs growing at iodepth "
                + modelDepth + "; --model-jobs N fixes it)")
                + " (DPOR, at most " + maxSchedules
                + " schedules; DPOR's Unseen is not a proof, nor is a search cut there), " + (modelOnly ? "model only" : iterations + " iterations per configuration, seed " + seed));
        DoctorReport doctor = modelOnly ? null : KernelDoctor.run();
        if (doctor != null && !doctor.allOk()) {
            say.accept(doctor.skipReason());
        }
        List<Prediction.Row> rows = new ArrayList<>();
        PrintStream ktapOut = ktap ? raw : new PrintStream(OutputStream.nullOutputStream());
        Path root = results != null ? results : Path.of("results");
        String stopped = null;
        if (!modelOnly) {
            ReproducerRun.checkOutputs(Prediction.options(cs.get(0), null, iterations, seed, root), ReproducerRun.Outputs.none());
            KernelSignals.install();
        }
        try {
            for (FioConfig c : cs) {
                if (stopped != null) {
                    top(top, Ktap.Status.SKIP, c.spec(), "not run: " + stopped);
                    continue;
                }
                Prediction.ModelSays m = model(c, kernel, budget, say);
                if (modelOnly || !doctor.allOk()) {
                    rows.add(new Prediction.Row(c, m, null));
                    top(top, Ktap.Status.SKIP, c.spec(), modelOnly ? "model only: model says " + m.verdict() : doctor.skipReason());
                    continue;
                }
                say.accept(c.spec() + ": model " + m.verdict() + (m.byDpor() ? (m.never() ? " (DPOR ran out: not a proof, docs/explorer.md, point 7)" : " (by DPOR: proven by its witness)")
                        : m.exhaustive() ? "" : " (search not exhaustive: not a proof)")
                        + " (" + m.programId() + "), running the reproducer...");
                try {
                    Prediction.Row r = Prediction.measure(c, m, iterations, seed, root, ktapOut,
                            new ReproducerRun.Outputs(null, VersionProvider.VERSION, c.spec()));
                    say.accept(r.kernel().line());
                    rows.add(r);
                    if (!r.measured()) {
                        top(top, Ktap.Status.SKIP, c.spec(), "not measured (no iteration killed a running fio, or a requirement is missing)");
                    } else if (r.agree()) {
                        top(top, Ktap.Status.PASS, c.spec(), "");
                    } else {
                        top(top, Ktap.Status.FAIL, c.spec(), "model " + m.verdict() + ", kernel " + r.kernel().busy() + "/" + r.kernel().tested() + " busy");
                    }
                } catch (InterruptedException e) {
                    stopped = "interrupted" + (Interruption.signal().isEmpty() ? "" : " by " + Interruption.signal());
                    top(top, Ktap.Status.SKIP, c.spec(), stopped + " during this configuration");
                }
            }
        } catch (KernelValidationException | IllegalArgumentException e) {
            if (top != null) {
                top.diag("stopped by an error: " + e.getMessage());
                while (top.reported() < top.plan()) {
                    top.result(Ktap.Status.SKIP, cs.get(top.reported()).spec(), "not run: stopped by an error");
                }
                top.close();
            }
            throw new UsageError(e.getMessage());
        }
        for (String l : PredictionTable.render(rows).split("\n")) {
            say.accept(l);
        }
        if (top != null) {
            top.close();
        } else {
            w.flush();
        }
        if (stopped != null) {
            spec.commandLine().getErr().println("fputsim: " + stopped + ": partial results written, everything the runs created removed");
            return KernelSignals.exitCode();
        }
        if (modelOnly) {
            return rows.stream().allMatch(r -> r.model().exhaustive() || !r.model().never()) ? ExitCodes.OK : ExitCodes.INCOMPLETE;
        }
        int code = PredictionTable.exitCode(rows);
        return code == ExitCodes.SKIPPED && require ? ExitCodes.VIOLATION : code;
    }

    /** What each model size gets when --model-jobs is not given (the size is then chosen). */
    private AutoSize.Budget budget() {
        if (sizeSchedules != null && sizeSchedules < 1) {
            throw new UsageError("--model-size-schedules must be at least 1, got " + sizeSchedules);
        }
        long nanos;
        try {
            nanos = ExploreOptions.parseTimeLimit(sizeBudget, false);
        } catch (UsageError e) {
            throw new UsageError("bad --model-size-budget '" + sizeBudget + "' (use e.g. 30s, 2m or 1h)");
        }
        return new AutoSize.Budget(nanos, sizeSchedules == null ? Long.MAX_VALUE : sizeSchedules);
    }

    /** The model's verdict at --model-jobs, or at the largest size that finishes within the budget (said in one line). */
    private Prediction.ModelSays model(FioConfig c, String kernel, AutoSize.Budget budget, java.util.function.Consumer<String> say) {
        fputsim.explore.Bounds bounds = fputsim.explore.Bounds.defaults().withMaxSchedules(maxSchedules);
        if (modelJobs != null) {
            return Prediction.model(c, kernel, modelJobs, modelDepth, maxSchedules, ExploreOptions.onOff("--model-prove", prove));
        }
        int depth = Math.min(modelDepth, c.iodepth());
        AutoSize.Choice<Prediction.ModelSays> choice = AutoSize.choose(depth, c.numjobs(), budget, bounds, Checker.ticker, (j, d, b) -> {
            Prediction.ModelSays m = Prediction.model(c, kernel, j, d, b, Checker.ticker, ExploreOptions.onOff("--model-prove", prove));
            return new AutoSize.Outcome<>(m, m.finished(), m.schedules(), m.cut());
        });
        say.accept(c.spec() + ": model " + choice.line("--model-jobs", "--model-iodepth"));
        return choice.result();
    }

    /** One configuration's result line in the top-level document (only with --ktap). */
    private static void top(Ktap top, Ktap.Status s, String name, String reason) {
        if (top != null) {
            if (s != Ktap.Status.PASS && !reason.isEmpty()) {
                top.diag(name + ": " + reason);
            }
            top.result(s, name, reason);
        }
    }
}
