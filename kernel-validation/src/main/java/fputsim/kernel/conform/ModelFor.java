/*
 * ModelFor: the one mapping from a real run to the model configuration that stands for it
 * (issue 16 finding 8). {@link #model} holds every rule, once:
 *   - the exit mode picks the scenario: the kill (the seed reproducer) 03 io-uring-kill-umount for
 *     io_uring and psync, 04 aio-kill-umount for libaio; fio-completes (fio runs time-based and
 *     exits by itself) 08 clean-exit; close-ring (fputsim-close-ring closes its ring with close(2),
 *     reads in flight, then exits) 09 close-ring-then-exit;
 *   - fio's numjobs/iodepth (fio's last value wins; defaults 1, 1), capped at the model's limits;
 *   - --direct=1 and --buffered=0 both mean O_DIRECT (the last one wins);
 *   - sqthread_poll implies registered files: fio's io_uring engine "sqthread submission requires
 *     registered files" (fio_ioring_init sets registerfiles when sqthread_poll is on, fio-3.33);
 *   - DEFER_TASKRUN (0x2000) from the recorded ring flags, or, untraced, from fio 3.33's rule
 *     (fio_ioring_queue_init sets SINGLE_ISSUER|DEFER_TASKRUN unless SQPOLL);
 *   - --force_async=1 (fio_ioring_prep sets IOSQE_ASYNC on every request: io_queue_iowq punts each
 *     to io-wq) -> iowq = iodepth; every N-th request (N > 1) is not modelled (the share in flight
 *     at the exit varies between 0 and iodepth/N) and is refused, as is force_async with SQPOLL;
 *   - fputsim-close-ring's argv: --depth (default 32), --setup defer|plain|sqpoll, --fixed, --buffered;
 *   - `uname -r` picks the baseline variant (6.18.x: baseline-6.18, 6.1.x: baseline-6.1).
 * Conformance (ResultsConformance, RealKernelTest), prediction (FioConfig) and the timed model's
 * calibration (cli RealRuns, CalibrateCommand) all call it.
 * Leaves out: fio options the model has no parameter for (rw, size, sleeps): they change rates,
 * not which orders are possible.
 * Checked by: ModelForTest.
 */
package fputsim.kernel.conform;

import fputsim.kernel.ExitMode;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class ModelFor {
    static final int IORING_SETUP_DEFER_TASKRUN = 0x2000;

    /** fputsim-close-ring's default --depth (kernel-validation/src/main/c/fputsim-close-ring.c). */
    static final int CLOSE_RING_DEPTH = 32;

    /** The model of a real run: the scenario's number and its configuration. */
    public record Model(String scenario, ScenarioConfig config) {
        /** With the baseline variant of {@code kernelRelease}; refused (one line) when the kernel is not modelled. */
        public ModelFactory factory(String kernelRelease) {
            String variant = variant(kernelRelease).orElseThrow(() ->
                    new IllegalArgumentException("no baseline variant for kernel " + kernelRelease + " (have " + Variants.names() + ")"));
            return ModelFactory.of(scenario, config, variant);
        }

        /**
         * The model the conformance check takes for a kill run (scenario 03): with
         * {@link #CONFORMANCE_FIO_LOOP} rounds of fio's I/O loop where the model has it; any other
         * run unchanged.
         */
        public Model forConformance() {
            return scenario.equals("03") ? new Model(scenario, ModelFor.forConformance(config)) : this;
        }
    }

    private ModelFor() {
    }

    /** The baseline variant for a kernel release, if the model has one. */
    public static Optional<String> variant(String kernelRelease) {
        String[] v = kernelRelease.strip().split("[.-]");
        if (v.length < 2) {
            return Optional.empty();
        }
        String name = "baseline-" + v[0] + "." + v[1];
        return Variants.find(name) == null ? Optional.empty() : Optional.of(name);
    }

    /** The scenario for an engine in the kill mode: 03 (io_uring, psync), 04 (libaio); empty when not modelled. */
    public static Optional<String> scenario(String ioengine) {
        return switch (ioengine) {
            case "io_uring", "psync" -> Optional.of("03");
            case "libaio" -> Optional.of("04");
            default -> Optional.empty();
        };
    }

    /**
     * The one mapping: the model of a run from how its workload ended, the workload's argv as the
     * results folder records it (fio-args.txt, or workload-args.txt for close-ring) and the ring
     * flags its trace recorded. Every rule of the class comment is here and nowhere else.
     * @param ringFlags the run's recorded ring flags ("0x3108", comma separated; "" if untraced)
     * @param maxJobs cap on the model's jobs (0: the run's own, capped at ScenarioConfig.MAX_JOBS)
     * @param maxDepth cap on the model's iodepth (0: the run's own, capped at ScenarioConfig.MAX_IODEPTH)
     * @throws IllegalArgumentException (NumberFormatException included) with a one-line reason for a
     *         run the model cannot take
     */
    public static Model model(ExitMode.Kind exit, List<String> argv, String ringFlags, int maxJobs, int maxDepth) {
        if (exit == ExitMode.Kind.CLOSE_RING) {
            return closeRing(argv, ringFlags, maxDepth);
        }
        String engine = fioValue(argv, "--ioengine=", "io_uring");
        String scenario = exit == ExitMode.Kind.FIO_COMPLETES ? "08" : scenario(engine).orElseThrow(() ->
                new IllegalArgumentException("ioengine " + engine + " is not modelled (io_uring, psync, libaio are)"));
        if (exit == ExitMode.Kind.FIO_COMPLETES && !engine.equals("io_uring")) {
            throw new IllegalArgumentException("fio-completes is modelled for ioengine io_uring only (scenario 08), not " + engine);
        }
        int jobs = cap(Integer.parseInt(fioValue(argv, "--numjobs=", "1")), maxJobs, ScenarioConfig.MAX_JOBS);
        int depth = cap(Integer.parseInt(fioValue(argv, "--iodepth=", "1")), maxDepth, ScenarioConfig.MAX_IODEPTH);
        boolean uring = engine.equals("io_uring");
        boolean sqpoll = uring && has(argv, "--sqthread_poll=1");
        boolean fixed = uring && (has(argv, "--registerfiles=1") || sqpoll);
        boolean defer = uring && !sqpoll && (ringFlags.isBlank() || deferTaskrun(ringFlags));
        int forceAsync = uring ? Integer.parseInt(fioValue(argv, "--force_async=", "0")) : 0;
        if (forceAsync < 0 || forceAsync > 1) {
            throw new IllegalArgumentException("--force_async=" + forceAsync + " is not modelled (0 or 1: every request to io-wq)");
        }
        if (forceAsync == 1 && sqpoll) {
            throw new IllegalArgumentException("--force_async=1 with --sqthread_poll=1 is not modelled (the model's io-wq and SQPOLL do not combine)");
        }
        return new Model(scenario, new ScenarioConfig(jobs, depth, direct(argv), defer, sqpoll, fixed, forceAsync == 1 ? depth : 0, engine));
    }

    /**
     * {@link #model} of a results folder: exit-mode.txt's first line (absent: a kill run, as every
     * folder before the no-kill modes), and the workload's argv from fio-args.txt or, for
     * close-ring, workload-args.txt.
     * @throws IllegalArgumentException with a one-line reason naming the file
     */
    public static Model model(java.nio.file.Path resultsDir, String ringFlags, int maxJobs, int maxDepth) {
        ExitMode.Kind exit = exitMode(resultsDir);
        return model(exit, workloadArgv(resultsDir, exit), ringFlags, maxJobs, maxDepth);
    }

    /** How a results folder's workload ended: exit-mode.txt's first line; KILL when the folder has none. */
    public static ExitMode.Kind exitMode(java.nio.file.Path resultsDir) {
        java.nio.file.Path p = resultsDir.resolve("exit-mode.txt");
        if (!java.nio.file.Files.exists(p)) {
            return ExitMode.Kind.KILL;
        }
        String first = read(p).lines().findFirst().orElse("").strip();
        try {
            return ExitMode.Kind.of(first);
        } catch (fputsim.kernel.KernelValidationException e) {
            throw new IllegalArgumentException(p + ": " + e.getMessage());
        }
    }

    /** The workload's argv as the folder records it (fio-args.txt, or workload-args.txt for close-ring). */
    public static List<String> workloadArgv(java.nio.file.Path resultsDir, ExitMode.Kind exit) {
        String name = exit == ExitMode.Kind.CLOSE_RING ? "workload-args.txt" : "fio-args.txt";
        return List.of(read(resultsDir.resolve(name)).strip().split("\\s+"));
    }

    private static String read(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()));
        }
    }

    /** fputsim-close-ring: one ring, --depth reads, --setup defer|plain|sqpoll, --fixed, --buffered (default O_DIRECT). */
    private static Model closeRing(List<String> argv, String ringFlags, int maxDepth) {
        int depth = CLOSE_RING_DEPTH;
        String setup = "defer";
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("--depth")) {
                depth = Integer.parseInt(argv.get(i + 1));
            } else if (argv.get(i).equals("--setup")) {
                setup = argv.get(i + 1);
            }
        }
        if (!ExitMode.RING_SETUPS.contains(setup)) {
            throw new IllegalArgumentException("fputsim-close-ring --setup " + setup + " unknown (defer, plain or sqpoll)");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("fputsim-close-ring --depth must be at least 1, got " + depth);
        }
        boolean sqpoll = setup.equals("sqpoll");
        boolean defer = !sqpoll && (ringFlags.isBlank() ? setup.equals("defer") : deferTaskrun(ringFlags));
        ScenarioConfig c = new ScenarioConfig(1, cap(depth, maxDepth, ScenarioConfig.MAX_IODEPTH), !argv.contains("--buffered"),
                defer, sqpoll, argv.contains("--fixed"), 0, "io_uring");
        return new Model("09", c);
    }

    private static int cap(int n, int userCap, int modelCap) {
        if (n < 1) {
            throw new IllegalArgumentException("numjobs and iodepth must be at least 1, got " + n);
        }
        return Math.min(userCap > 0 ? Math.min(n, userCap) : n, modelCap);
    }

    /**
     * The kill mode's configuration of a whole fio argv as a results folder's fio-args.txt records
     * it: {@link #model} with {@link ExitMode.Kind#KILL}.
     */
    public static ScenarioConfig configFromArgv(List<String> argv, String ringFlags, int maxJobs) {
        return model(ExitMode.Kind.KILL, argv, ringFlags, maxJobs, 0).config();
    }

    /** fio's value of {@code key} ("--numjobs=") in an argv: the last one wins; {@code dflt} if absent. */
    public static String fioValue(List<String> argv, String key, String dflt) {
        String v = dflt;
        for (String a : argv) {
            if (a.startsWith(key)) {
                v = a.substring(key.length());
            }
        }
        return v;
    }

    /**
     * The kill mode's configuration of fio's engine, size and extra arguments: {@link #model} on
     * the argv they make.
     * @param ringFlags the run's recorded ring flags ("0x3108", comma separated; "" if untraced)
     */
    public static ScenarioConfig config(String ioengine, int jobs, int iodepth, List<String> fioExtraArgs, String ringFlags) {
        List<String> argv = new ArrayList<>(List.of("--ioengine=" + ioengine, "--numjobs=" + jobs, "--iodepth=" + iodepth));
        argv.addAll(fioExtraArgs);
        return model(ExitMode.Kind.KILL, argv, ringFlags, 0, 0).config();
    }

    /**
     * Rounds of fio's I/O loop (issue 16 finding 6) the conformance check models for a run: the kill
     * may then find a ring below iodepth, as the real kernel's can.
     */
    public static final int CONFORMANCE_FIO_LOOP = 1;

    /** {@code c} with {@link #CONFORMANCE_FIO_LOOP} rounds of fio's loop where the model has it (io_uring, no SQPOLL, no io-wq). */
    public static ScenarioConfig forConformance(ScenarioConfig c) {
        return c.engine().equals("io_uring") && !c.sqpoll() && c.iowq() == 0 ? c.withFioLoop(CONFORMANCE_FIO_LOOP) : c;
    }

    /** The model of a kill-mode run, or refused (with the reason) when the engine or kernel is not modelled. */
    public static ModelFactory factory(String ioengine, ScenarioConfig c, String kernelRelease) {
        String scenario = scenario(ioengine).orElseThrow(() ->
                new IllegalArgumentException("ioengine " + ioengine + " is not modelled (io_uring, psync, libaio are)"));
        return new Model(scenario, c).factory(kernelRelease);
    }

    private static boolean deferTaskrun(String ringFlags) {
        for (String f : ringFlags.split(",")) {
            String h = f.strip().replaceFirst("^0x", "");
            if (!h.isEmpty() && (Integer.parseUnsignedInt(h, 16) & IORING_SETUP_DEFER_TASKRUN) != 0) {
                return true;
            }
        }
        return false;
    }

    /** fio's --direct=1 and --buffered=0 both mean O_DIRECT (fio: "buffered" is the inverse of "direct"); the last one wins. */
    private static boolean direct(List<String> args) {
        boolean direct = false;
        for (String a : args) {
            if (a.startsWith("--direct=")) {
                direct = a.equals("--direct=1");
            } else if (a.startsWith("--buffered=")) {
                direct = a.equals("--buffered=0");
            }
        }
        return direct;
    }

    private static boolean has(List<String> args, String opt) {
        String key = opt.substring(0, opt.indexOf('=') + 1);
        String last = null;
        for (String a : args) {
            if (a.startsWith(key)) {
                last = a; // fio: the last one wins
            }
        }
        return opt.equals(last);
    }
}
