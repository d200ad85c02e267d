/*
 * FioJob: the fio command line of the seed reproducer (Jens Axboe, 2023-08-10): N jobs of
 * buffered random reads on one pre-written file, --thread=1 so that killing fio's own PID
 * kills every job, output discarded (a SIGKILLed fio prints no report).
 * Leaves out: job files; everything is argv, and options.fioExtraArgs() come last so fio's
 * last-one-wins rule lets them override any default.
 * Checks: validate() rejects bad input with a one-line KernelValidationException.
 * Checked by: ReproducerRunOptionsTest.
 */
package fputsim.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

final class FioJob {
    /** io_uring reproduces; the others are control arms that must never see EBUSY. */
    static final Set<String> ENGINES = Set.of("io_uring", "psync", "libaio", "sync", "pvsync", "pvsync2");
    static final Set<String> RW = Set.of("read", "randread");
    private static final Pattern SIZE = Pattern.compile("\\d+[kKmMgG]?");

    private FioJob() {
    }

    static void validate(ReproducerRun.Options o) {
        if (!ENGINES.contains(o.ioengine()))
            fail("unknown ioengine '" + o.ioengine() + "' (use one of io_uring, psync, libaio, sync, pvsync, pvsync2)");
        if (!RW.contains(o.rw()))
            fail("rw '" + o.rw() + "' not supported (use read or randread: the data file must stay as written)");
        if (o.iterations() < 1 || o.numjobs() < 1 || o.iodepth() < 1)
            fail("iterations, numjobs and iodepth must be >= 1");
        if (!SIZE.matcher(o.imageSize()).matches())
            fail("image size '" + o.imageSize() + "' is not a size like 4G");
        if (o.dataMiB() < 1 || o.minSleep().isNegative() || o.randomSleep().isNegative())
            fail("data size and sleeps must be positive");
        if (bytes(o.imageSize()) < (o.dataMiB() + 64L) << 20)
            fail("image size " + o.imageSize() + " too small for " + o.dataMiB() + " MiB of data");
        for (String a : o.fioExtraArgs()) {
            if (!a.startsWith("--"))
                fail("extra fio argument '" + a + "' must look like --name=value");
            if (a.startsWith("--thread=0") || a.startsWith("--filename") || a.startsWith("--output"))
                fail("extra fio argument '" + a + "' would break the harness (it owns thread, filename, output)");
        }
    }

    static List<String> args(ReproducerRun.Options o, Path file) {
        List<String> a = new ArrayList<>(List.of("fio", "--name=fputsim", "--ioengine=" + o.ioengine(),
                "--iodepth=" + o.iodepth(), "--filename=" + file, "--size=" + o.dataMiB() + "m", "--buffered=1",
                "--overwrite=0", "--numjobs=" + o.numjobs(), "--minimal", "--rw=" + o.rw(), "--thread=1",
                "--output=/dev/null"));
        a.addAll(o.fioExtraArgs());
        return a;
    }

    static long bytes(String size) {
        char u = Character.toLowerCase(size.charAt(size.length() - 1));
        int shift = u == 'k' ? 10 : u == 'm' ? 20 : u == 'g' ? 30 : 0;
        String n = shift == 0 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(n) << shift;
    }

    private static void fail(String msg) {
        throw new KernelValidationException(msg);
    }
}
