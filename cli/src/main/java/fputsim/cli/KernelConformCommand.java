package fputsim.cli;

import fputsim.kernel.conform.ResultsConformance;
import fputsim.kernel.conform.TraceConformance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** kernel conform: every captured iteration of a traced run against the model. */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = {"Check that the model can produce every captured iteration of a traced run.",
                "A traced run is one of kernel run --trace. Each iteration must have the same order of observable events"
                        + " (docs/real-kernel.md, Conformance) and the same first umount result in some model schedule."},
        footer = {"%nExit codes:%n  0   every tested iteration conforms%n  1   an iteration does not conform (both skeletons are printed)%n"
                + "  2   bad usage or bad input (also a truncated or corrupt trace.txt: file and line named)%n  3   internal error%n  77  no iteration was tested (fio never killed)%n"})
final class KernelConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_DIR", description = "a traced run's results folder (holds trace.txt, fio-args.txt, uname-r.txt)")
    Path dir;

    @Option(names = "--model-jobs", defaultValue = "0", paramLabel = "N",
            description = "cap the model's jobs (the skeleton does not count threads; default: the run's own)")
    int maxJobs;

    @Option(names = "--max-schedules", defaultValue = "20000", paramLabel = "N",
            description = "guided search bound per iteration (default: ${DEFAULT-VALUE})")
    long maxSchedules;

    @Override
    public Integer call() {
        ResultsConformance.Run r;
        try {
            if (maxSchedules < 1 || maxJobs < 0) {
                throw new UsageError("--max-schedules must be at least 1 and --model-jobs not negative");
            }
            if (!java.nio.file.Files.exists(dir)) {
                throw new UsageError("no results folder at " + dir);
            }
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new UsageError(dir + " is a file; give a traced run's results folder (kernel run --trace writes one)");
            }
            r = ResultsConformance.check(dir, maxJobs, maxSchedules);
        } catch (NumberFormatException e) {
            throw new UsageError(dir.resolve("fio-args.txt") + ": --numjobs and --iodepth must be whole numbers ("
                    + Main.firstLine(e.getMessage(), "?").replace("For input string: ", "got ") + ")");
        } catch (IllegalArgumentException | fputsim.kernel.KernelValidationException e) {
            throw new UsageError(e.getMessage()); // a truncated or corrupt trace names its file and line: exit 2
        }
        spec.commandLine().getOut().print(ResultsConformance.render(r));
        spec.commandLine().getOut().flush();
        if (r.iterations().stream().noneMatch(i -> i.result().isPresent())) {
            return ExitCodes.SKIPPED;
        }
        return TraceConformance.allConform(r.iterations()) ? ExitCodes.OK : ExitCodes.VIOLATION;
    }
}
