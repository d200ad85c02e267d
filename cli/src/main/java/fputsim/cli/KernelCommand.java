package fputsim.cli;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import fputsim.kernel.Interruption;
import fputsim.kernel.KernelValidationException;
import fputsim.kernel.ReproducerRun;
import fputsim.kernel.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** kernel: the real-kernel side (requirements, the reproducer). */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Run the reproducer on the host kernel.",
        subcommands = {KernelCommand.Doctor.class, KernelCommand.Run.class, KernelPredictCommand.class, KernelConformCommand.class,
                KernelCommand.Clean.class}, footer = ExitCodes.HELP)
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
                    "--exit-mode fio-completes or close-ring: no kill; the workload exits by itself, then wait; umount.",
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

        @Option(names = "--image-size", defaultValue = "4G", paramLabel = "SIZE",
                description = "the scratch ext4 image (sparse; default: ${DEFAULT-VALUE})")
        String imageSize;

        @Option(names = "--data-mib", defaultValue = "256", paramLabel = "N",
                description = "fio's data file, written once before the iterations (default: ${DEFAULT-VALUE})")
        int dataMiB;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the summary and every iteration as JSON (schema: docs/json/kernel-run-v1.schema.json)")
        Path json;

        @Option(names = "--qemu", paramLabel = "VERSION",
                description = {"boot Debian's VERSION kernel (e.g. 6.1: /boot/vmlinuz-6.1*, /lib/modules/6.1*) under qemu (TCG)"
                        + " and run the reproducer there; the same results folder, for kernel conform. Kill sleeps 2 s + [0, 1] s"
                        + " (fio starts slowly under TCG). Needs qemu-system-x86_64, busybox, cpio, fio, gcc, mkfs.ext4, tar"
                        + " (not root); skips (77) when one is missing."})
        String qemu;

        @Option(names = "--kill-sleep-ms", paramLabel = "MIN,RANDOM",
                description = "sleep before the kill: MIN + [0, RANDOM] ms from --seed (default: 300,500; with --qemu 2000,1000)")
        String killSleepMs;

        @picocli.CommandLine.Mixin
        KernelExitOptions exit = new KernelExitOptions();

        @Override
        public Integer call() {
            if (json != null) {
                Outputs.checkWritable("--json", json);
            }
            if (iterations < 1) {
                throw new UsageError("--iterations must be at least 1");
            }
            ReproducerRun.Options o;
            RunSummary s;
            fputsim.kernel.ExitMode mode = exit.mode();
            PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
            try {
                o = ReproducerRun.Options.defaults(ioengine).withIterations(iterations).withSeed(seed).withTrace(trace)
                        .withResultsRoot(results != null ? results : Path.of("results")).withFioExtraArgs(fioArgs)
                        .withScratch(imageSize, dataMiB).withExpectation(exit.expectation(mode));
                if (junit != null) {
                    o = o.withJunitXml(junit);
                }
                if (qemu != null) {
                    o = o.withSleeps(fputsim.kernel.QemuRun.MIN_SLEEP, fputsim.kernel.QemuRun.RANDOM_SLEEP);
                }
                if (killSleepMs != null) {
                    if (!killSleepMs.matches("\\d{1,9},\\d{1,9}")) {
                        throw new UsageError("--kill-sleep-ms " + killSleepMs + ": give MIN,RANDOM in ms, two whole numbers (e.g. 2000,1000)");
                    }
                    String[] ms = killSleepMs.split(",");
                    o = o.withSleeps(java.time.Duration.ofMillis(Long.parseLong(ms[0])), java.time.Duration.ofMillis(Long.parseLong(ms[1])));
                }
                ReproducerRun.Outputs x = new ReproducerRun.Outputs(json, VersionProvider.VERSION, null, Main.processStdout());
                ReproducerRun.validate(o, mode);
                ReproducerRun.checkOutputs(o, x); // before anything runs
                KernelSignals.install();
                s = qemu != null ? fputsim.kernel.QemuRun.run(o, mode, out, x, qemu) : ReproducerRun.run(o, mode, out, x);
                out.println(s.line());
            } catch (KernelValidationException e) {
                throw new UsageError(e.getMessage());
            } catch (InterruptedException e) {
                out.flush();
                spec.commandLine().getErr().println("fputsim: " + (Interruption.signal().isEmpty() ? "interrupted" : Interruption.signal())
                        + ": partial results written, everything the run created removed");
                return KernelSignals.exitCode();
            }
            if (s.exitCode() == ExitCodes.SKIPPED && require) {
                return ExitCodes.VIOLATION;
            }
            return s.exitCode();
        }
    }

    /** kernel clean: reclaims what dead fputsim runs left behind, from their records. */
    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = {"Remove what dead fputsim runs left behind (runs whose JVM and supervisor were both killed).",
                    "For each record in the state directory whose owner is dead, it removes the run's tracefs instance, mount, loop"
                            + " device, image and scratch files, each only after checking it is that run's own (the loop device's"
                            + " backing file, the mount's source, the instance's name).",
                    "Records of live runs are left alone. Every run does this at its start too.",
                    "State directory: --state-dir, -Dfputsim.state.dir, $FPUTSIM_STATE_DIR, else /var/lib/fputsim."},
            footer = {"%nExit codes:%n  0   nothing left (or everything reclaimed)%n  1   something could not be removed (its record stays)%n"
                    + "  2   bad usage or bad input%n  3   internal error%n  77  skipped (not root)%n"})
    static final class Clean implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "where runs keep their records (default: see above)")
        Path stateDir;

        @Override
        public Integer call() throws InterruptedException {
            Path dir = stateDir != null ? stateDir : fputsim.kernel.Supervisor.defaultStateDir();
            if (!KernelDoctor.isRoot()) {
                spec.commandLine().getOut().println("not run: needs root (loop devices, mounts, tracefs)");
                return ExitCodes.SKIPPED;
            }
            java.util.List<String> lines;
            try {
                lines = fputsim.kernel.Supervisor.reclaim(fputsim.kernel.NativeHelper.defaultCacheDir(), dir);
            } catch (KernelValidationException e) {
                throw new UsageError(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (lines.isEmpty()) {
                out.println("nothing to reclaim in " + dir);
            }
            lines.forEach(out::println);
            out.flush();
            return lines.stream().anyMatch(l -> l.startsWith("failed ")) ? ExitCodes.VIOLATION : ExitCodes.OK;
        }
    }
}
