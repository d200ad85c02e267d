/*
 * ModelFor: the model configuration that stands for a real run: the fio engine picks the
 * scenario (io_uring and psync: 03 io-uring-kill-umount, libaio: 04 aio-kill-umount), fio's
 * numjobs/iodepth and --direct=1 / --sqthread_poll=1 / --registerfiles=1 the parameters, the ring
 * flags DEFER_TASKRUN (0x2000; fio 3.33 sets it unless SQPOLL), and `uname -r` the baseline
 * variant (6.18.x: baseline-6.18, 6.1.x: baseline-6.1). This is the one mapping from fio's arguments
 * to a model configuration: conformance (ResultsConformance, RealKernelTest), prediction (FioConfig)
 * and the timed model's calibration (cli RealRuns, through {@link #configFromArgv}) all use it.
 * Leaves out: fio options the model has no parameter for (rw, size, sleeps): they change rates,
 * not which orders are possible.
 * Checked by: ModelForTest.
 */
package fputsim.kernel.conform;

import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import java.util.List;
import java.util.Optional;

public final class ModelFor {
    static final int IORING_SETUP_DEFER_TASKRUN = 0x2000;

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

    /** The scenario for an engine: 03 (io_uring, psync), 04 (libaio); empty when not modelled. */
    public static Optional<String> scenario(String ioengine) {
        return switch (ioengine) {
            case "io_uring", "psync" -> Optional.of("03");
            case "libaio" -> Optional.of("04");
            default -> Optional.empty();
        };
    }

    /**
     * The configuration of a whole fio argv as a results folder's fio-args.txt records it: the
     * engine, numjobs and iodepth from the argv (fio's last value wins; defaults io_uring, 1, 1),
     * then {@link #config}.
     * @param maxJobs cap on the model's jobs (0: the run's own, capped at ScenarioConfig.MAX_JOBS)
     * @throws IllegalArgumentException (NumberFormatException included) for a value the model cannot take
     */
    public static ScenarioConfig configFromArgv(List<String> argv, String ringFlags, int maxJobs) {
        String engine = fioValue(argv, "--ioengine=", "io_uring");
        int jobs = Integer.parseInt(fioValue(argv, "--numjobs=", "1"));
        int depth = Integer.parseInt(fioValue(argv, "--iodepth=", "1"));
        return config(engine, maxJobs > 0 ? Math.min(jobs, maxJobs) : jobs, depth, argv, ringFlags);
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
     * @param ringFlags the run's recorded ring flags ("0x3108", comma separated; "" if untraced)
     */
    public static ScenarioConfig config(String ioengine, int jobs, int iodepth, List<String> fioExtraArgs, String ringFlags) {
        boolean direct = direct(fioExtraArgs);
        boolean sqpoll = has(fioExtraArgs, "--sqthread_poll=1");
        // fio's io_uring engine: "sqthread submission requires registered files" (fio_ioring_init sets
        // registerfiles when sqthread_poll is on), so an SQPOLL run also holds its files in the ring's table
        boolean fixed = has(fioExtraArgs, "--registerfiles=1") || sqpoll;
        boolean defer = ringFlags.isBlank() ? !sqpoll : deferTaskrun(ringFlags);
        boolean uring = ioengine.equals("io_uring");
        return new ScenarioConfig(Math.min(jobs, ScenarioConfig.MAX_JOBS), Math.min(iodepth, ScenarioConfig.MAX_IODEPTH),
                direct, uring && defer && !sqpoll, uring && sqpoll, uring && fixed, 0, ioengine);
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

    /** The model of a run, or empty (with the reason) when the engine or kernel is not modelled. */
    public static ModelFactory factory(String ioengine, ScenarioConfig c, String kernelRelease) {
        String scenario = scenario(ioengine).orElseThrow(() ->
                new IllegalArgumentException("ioengine " + ioengine + " is not modelled (io_uring, psync, libaio are)"));
        String variant = variant(kernelRelease).orElseThrow(() ->
                new IllegalArgumentException("no baseline variant for kernel " + kernelRelease + " (have " + Variants.names() + ")"));
        return ModelFactory.of(scenario, c, variant);
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
