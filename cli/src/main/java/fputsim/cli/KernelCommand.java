package fputsim.cli;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import fputsim.kernel.KernelValidationException;
import fputsim.kernel.ReproducerRun;
import fputsim.kernel.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** kernel: the real-kernel side (requirements, the reproducer). */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Run the reproducer on the host kernel.",
        subcommands = {KernelCommand.Doctor.class, KernelCommand.Run.class, KernelPredictCommand.class, KernelConformCommand.class}, footer = ExitCodes.HELP)
final class KernelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** kernel doctor: one line per requirement; exit 77 when one is missing. */
    @Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check the real-kernel requirements, one line each.",
            footer = ExitCodes.HELP)
    static final class Doctor implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--require", description = "a missing requirement is a failure (exit 1), not a skip (77)")
        boolean require;

        @Override
        public Integer call() throws InterruptedException {
            DoctorReport r = KernelDoctor.run();
            spec.commandLine().getOut().print(r.lines());
            spec.commandLine().getOut().flush();
            if (r.allOk()) {
                return ExitCodes.OK;
            }
            return require ? ExitCodes.VIOLATION : ExitCodes.SKIPPED;
        }
    }

    /** kernel run: the reproducer loop, KTAP on stdout. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run kill -9 fio; wait; umount in a loop on a scratch loop device, KTAP on stdout.",
                    "Touches only what it creates (image, loop device, mount point, fio by PID, tracefs instance)."},
            footer = ExitCodes.HELP)
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ioengine", defaultValue = "io_uring", description = "io_uring, psync, libaio, ... (default: ${DEFAULT-VALUE})")
        String ioengine;

        @Option(names = "--iterations", defaultValue = "25", description = "loop iterations (default: ${DEFAULT-VALUE})")
        int iterations;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the random kill delay (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--trace", description = "capture a tracefs trace (changes timing)")
        boolean trace;

        @Option(names = "--results", paramLabel = "DIR", description = "results folder (default: results/)")
        Path results;

        @Option(names = "--junit", paramLabel = "FILE", description = "also write JUnit XML")
        Path junit;

        @Option(names = "--require", description = "missing requirements fail (exit 1) instead of skipping (77)")
        boolean require;

        @Option(names = "--fio-arg", paramLabel = "--NAME=VALUE",
                description = "extra fio option, repeatable, e.g. --fio-arg=--sqthread_poll=1 (fio's last one wins)")
        java.util.List<String> fioArgs = new java.util.ArrayList<>();

        @Option(names = "--json", paramLabel = "FILE", description = "also write the summary and every iteration as JSON (schema: docs/json/kernel-run-v1.schema.json)")
        Path json;

        @Override
        public Integer call() throws InterruptedException {
            if (json != null) {
                Outputs.checkWritable("--json", json);
            }
            if (iterations < 1) {
                throw new UsageError("--iterations must be at least 1");
            }
            ReproducerRun.Options o;
            RunSummary s;
            try {
                o = ReproducerRun.Options.defaults(ioengine).withIterations(iterations).withSeed(seed).withTrace(trace)
                        .withResultsRoot(results != null ? results : Path.of("results")).withFioExtraArgs(fioArgs);
                if (junit != null) {
                    o = o.withJunitXml(junit);
                }
                PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
                s = ReproducerRun.run(o, out);
                out.println(s.line());
                if (json != null) {
                    fputsim.kernel.RunJson.write(json, s, VersionProvider.VERSION);
                }
            } catch (KernelValidationException e) {
                throw new UsageError(e.getMessage());
            }
            if (s.exitCode() == ExitCodes.SKIPPED && require) {
                return ExitCodes.VIOLATION;
            }
            return s.exitCode();
        }
    }
}
