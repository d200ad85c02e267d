package fputsim.cli;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import fputsim.kernel.KernelValidationException;
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
                "The model's umount-busy-after-reap verdict (Never/Sometimes, exhaustive DPOR at a small size) is printed next"
                        + " to what the kernel measured (the reproducer, a few iterations).",
                "A configuration is ENGINE[:JOBSxDEPTH][+direct][+sqpoll][+fixed], e.g. io_uring:12x2+sqpoll."},
        footer = {"%nExit codes:%n  0   every measured configuration agrees%n  1   a disagreement (the row says NO)%n"
                + "  2   bad usage or bad input%n  3   internal error%n  77  skipped (a real-kernel requirement is missing)%n"})
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

    @Option(names = "--model-jobs", defaultValue = "1", paramLabel = "N", description = "model size: jobs (default: ${DEFAULT-VALUE})")
    int modelJobs;

    @Option(names = "--model-iodepth", defaultValue = "2", paramLabel = "N", description = "model size: iodepth (default: ${DEFAULT-VALUE})")
    int modelDepth;

    @Option(names = "--model-max-schedules", defaultValue = "200000", paramLabel = "N",
            description = "schedules per model check; hitting it makes the verdict bounded (default: ${DEFAULT-VALUE})")
    long maxSchedules;

    @Option(names = "--model-only", description = "print the model's column only; run nothing on the kernel")
    boolean modelOnly;

    @Option(names = "--results", paramLabel = "DIR", description = "results folder (default: results/)")
    Path results;

    @Option(names = "--ktap", description = "also print each run's KTAP stream")
    boolean ktap;

    @Option(names = "--require", description = "missing requirements fail (exit 1) instead of skipping (77)")
    boolean require;

    @Override
    public Integer call() throws InterruptedException {
        if (iterations < 1 || modelJobs < 1 || modelDepth < 1 || maxSchedules < 1) {
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
        PrintWriter out = spec.commandLine().getOut();
        String kernel = System.getProperty("os.version");
        out.println("fputsim kernel predict: kernel " + kernel + ", model " + fputsim.model.KernelVersion.MODEL + " at "
                + modelJobs + " job(s) x iodepth " + modelDepth + " (exhaustive DPOR, at most " + maxSchedules
                + " schedules), " + (modelOnly ? "model only" : iterations + " iterations per configuration, seed " + seed));
        out.flush();
        DoctorReport doctor = modelOnly ? null : KernelDoctor.run();
        if (doctor != null && !doctor.allOk()) {
            out.println("# " + doctor.skipReason());
        }
        List<Prediction.Row> rows = new ArrayList<>();
        PrintStream ktapOut = ktap ? new PrintStream(new WriterStream(out), true) : new PrintStream(OutputStream.nullOutputStream());
        try {
            for (FioConfig c : cs) {
                Prediction.ModelSays m = Prediction.model(c, kernel, modelJobs, modelDepth, maxSchedules);
                if (modelOnly || !doctor.allOk()) {
                    rows.add(new Prediction.Row(c, m, null));
                    continue;
                }
                out.println("# " + c.spec() + ": model " + m.verdict() + " (" + m.programId() + "), running the reproducer...");
                out.flush();
                Prediction.Row r = Prediction.measure(c, m, iterations, seed, results != null ? results : Path.of("results"), ktapOut);
                out.println("# " + r.kernel().line());
                rows.add(r);
            }
        } catch (KernelValidationException | IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        out.print(PredictionTable.render(rows));
        out.flush();
        if (modelOnly) {
            return ExitCodes.OK;
        }
        int code = PredictionTable.exitCode(rows);
        return code == ExitCodes.SKIPPED && require ? ExitCodes.VIOLATION : code;
    }
}
