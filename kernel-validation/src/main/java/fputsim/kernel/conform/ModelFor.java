/*
 * ModelFor: the model configuration that stands for a real run: the fio engine picks the
 * scenario (io_uring and psync: 03 io-uring-kill-umount, libaio: 04 aio-kill-umount), fio's
 * numjobs/iodepth and --direct=1 / --sqthread_poll=1 / --registerfiles=1 the parameters, the ring
 * flags DEFER_TASKRUN (0x2000; fio 3.33 sets it unless SQPOLL), and `uname -r` the baseline
 * variant (6.18.x: baseline-6.18, 6.1.x: baseline-6.1).
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
     * @param ringFlags the run's recorded ring flags ("0x3108", comma separated; "" if untraced)
     */
    public static ScenarioConfig config(String ioengine, int jobs, int iodepth, List<String> fioExtraArgs, String ringFlags) {
        boolean direct = has(fioExtraArgs, "--direct=1");
        boolean sqpoll = has(fioExtraArgs, "--sqthread_poll=1");
        // fio's io_uring engine: "sqthread submission requires registered files" (fio_ioring_init sets
        // registerfiles when sqthread_poll is on), so an SQPOLL run also holds its files in the ring's table
        boolean fixed = has(fioExtraArgs, "--registerfiles=1") || sqpoll;
        boolean defer = ringFlags.isBlank() ? !sqpoll : deferTaskrun(ringFlags);
        boolean uring = ioengine.equals("io_uring");
        return new ScenarioConfig(Math.min(jobs, ScenarioConfig.MAX_JOBS), Math.min(iodepth, ScenarioConfig.MAX_IODEPTH),
                direct, uring && defer && !sqpoll, uring && sqpoll, uring && fixed, 0, ioengine);
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
