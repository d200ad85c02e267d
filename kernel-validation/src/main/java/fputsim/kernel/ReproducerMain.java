/*
 * ReproducerMain: a stop-gap entry point until the cli module wraps this API:
 *   java -cp ... fputsim.kernel.ReproducerMain [doctor] | ENGINE [ITERATIONS [SEED]] [--trace] [--results DIR]
 *        [--jobs N] [--iodepth N] [--fio --name=value]... [--umount-delay-us N]
 * Leaves out: every option but these (the cli module owns the full option set).
 * Exit codes as the cli: 0 all passed, 1 a failure, 77 everything skipped, 2 bad input.
 */
package fputsim.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class ReproducerMain {
    private ReproducerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        List<String> pos = new ArrayList<>();
        boolean trace = false;
        Path results = Path.of("fputsim-results");
        Integer jobs = null;
        Integer depth = null;
        List<String> fio = new ArrayList<>();
        long delayUs = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                boolean arg = i + 1 < args.length;
                if (args[i].equals("--trace"))
                    trace = true;
                else if (args[i].equals("--results") && arg)
                    results = Path.of(args[++i]);
                else if (args[i].equals("--jobs") && arg)
                    jobs = Integer.parseInt(args[++i]);
                else if (args[i].equals("--iodepth") && arg)
                    depth = Integer.parseInt(args[++i]);
                else if (args[i].equals("--fio") && arg)
                    fio.add(args[++i]);
                else if (args[i].equals("--umount-delay-us") && arg)
                    delayUs = Long.parseLong(args[++i]);
                else
                    pos.add(args[i]);
            }
            if (pos.isEmpty() || pos.get(0).equals("doctor")) {
                DoctorReport d = KernelDoctor.run();
                System.out.println(d.lines());
                return d.allOk() ? 0 : 77;
            }
            ReproducerRun.Options o = ReproducerRun.Options.defaults(pos.get(0)).withTrace(trace).withResultsRoot(results);
            if (pos.size() > 1)
                o = o.withIterations(Integer.parseInt(pos.get(1)));
            if (pos.size() > 2)
                o = o.withSeed(Long.parseLong(pos.get(2)));
            o = o.withFio(jobs != null ? jobs : o.numjobs(), depth != null ? depth : o.iodepth(), fio)
                    .withUmountDelay(java.time.Duration.ofNanos(delayUs * 1000));
            return ReproducerRun.run(o, System.out).exitCode();
        } catch (KernelValidationException | NumberFormatException e) {
            System.err.println("fputsim: " + e.getMessage());
            return 2;
        }
    }
}
