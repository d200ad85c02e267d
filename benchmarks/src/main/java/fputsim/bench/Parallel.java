package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.SplitSearch;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.model.ModelFactory;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The split search on every core: wall time, the process's CPU time, and each worker's CPU time
 * and share, per number of workers, after one warm-up run (a fresh JVM spends its first seconds
 * compiling, on the second core too). Not a JMH benchmark; run it on an idle machine for the
 * speed-up, anywhere for the shares (CPU times are barely affected by load):
 * {@code java [-Dvariant=NAME] [-Dprefixes=N] -cp benchmarks/target/benchmarks.jar fputsim.bench.Parallel SIZE [WORKERS,...] [REPEATS]},
 * e.g. {@code fputsim.bench.Parallel 2x2 1,2,4 3}. Prints Markdown rows for docs/performance.md.
 */
public final class Parallel {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Parallel() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("usage: Parallel SIZE [WORKERS,...] [REPEATS]   (-Dvariant=NAME, default " + Models.BASELINE
                    + "; -Dprefixes=N, default " + SplitSearch.DEFAULT_PREFIXES + ")");
            return;
        }
        String variant = System.getProperty("variant", Models.BASELINE);
        int prefixes = Integer.getInteger("prefixes", SplitSearch.DEFAULT_PREFIXES);
        int[] workers = java.util.Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        run(System.out, Models.scenario03(args[0], variant), workers, repeats, prefixes);
    }

    static void run(PrintStream out, ModelFactory f, int[] workers, int repeats, int prefixes) {
        out.printf(Locale.ROOT, "%s, %d cores, load average %.1f at the start%n", f.id(), Runtime.getRuntime().availableProcessors(),
                OS.getSystemLoadAverage());
        long c0 = THREADS.getCurrentThreadCpuTime();
        Exploration seq = Explorer.quiet().explore(f, new OptimalStrategy(), Bounds.defaults());
        out.printf(Locale.ROOT, "warm-up, sequential dfs-optimal: %d + %d schedules, %.2f cpu s (JIT included)%n",
                seq.stats().schedules(), seq.stats().pruned(), (THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
        out.println("| workers | complete + pruned | parts (stolen) per worker | worker cpu s (share) | process cpu s | gc ms | wall s | load | wall speed-up | cpu balance bound |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        double wall1 = 0;
        for (int rep = 0; rep < repeats; rep++) {
            for (int w : workers) {
                long p0 = OS.getProcessCpuTime();
                long g0 = gcMillis();
                long w0 = System.nanoTime();
                SplitSearch.Result r = SplitSearch.explore(f, Bounds.defaults(), w, 0, 1, prefixes, () -> 0L,
                        THREADS::getCurrentThreadCpuTime, () -> false, s -> { }, Integer.MAX_VALUE);
                double wall = (System.nanoTime() - w0) / 1e9;
                double process = (OS.getProcessCpuTime() - p0) / 1e9;
                if (w == 1) {
                    wall1 = wall;
                }
                out.println(row(r, w, process, gcMillis() - g0, wall, wall1));
                out.flush();
            }
        }
    }

    static String row(SplitSearch.Result r, int w, double process, long gc, double wall, double wall1) {
        List<SplitSearch.WorkerStats> ws = r.workers();
        long total = 0;
        long max = 0;
        for (SplitSearch.WorkerStats s : ws) {
            total += s.clockNanos();
            max = Math.max(max, s.clockNanos());
        }
        StringBuilder parts = new StringBuilder();
        StringBuilder cpu = new StringBuilder();
        for (SplitSearch.WorkerStats s : ws) {
            parts.append(parts.length() == 0 ? "" : ", ").append(s.parts()).append(" (").append(s.stolen()).append(")");
            cpu.append(cpu.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f (%.0f %%)", s.clockNanos() / 1e9,
                    total == 0 ? 0 : 100.0 * s.clockNanos() / total));
        }
        Exploration x = r.exploration();
        return String.format(Locale.ROOT, "| %d | %d + %d | %s | %s | %.2f | %d | %.2f | %.1f | %s | %.2f |", w, x.stats().schedules(),
                x.stats().pruned(), parts, cpu, process, gc, wall, OS.getSystemLoadAverage(),
                wall1 == 0 ? "-" : String.format(Locale.ROOT, "%.2f", wall1 / wall), max == 0 ? 0 : (double) total / max);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, g.getCollectionTime());
        }
        return t;
    }
}
