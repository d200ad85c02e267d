package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Scripted;
import fputsim.explore.Traces;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.Strategies;
import fputsim.model.ModelFactory;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The deterministic side of the benchmarks: schedule counts, reduction ratios and schedules to the
 * first counterexample, printed as Markdown rows for docs/performance.md, with the thread's CPU
 * time next to the wall time (shared CI machines make wall time noisy). Not a JMH benchmark:
 * {@code java -cp benchmarks/target/benchmarks.jar fputsim.bench.Counts growth|reduction|first|explore ...}
 */
public final class Counts {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final PrintStream out;

    Counts(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Counts c = new Counts(System.out);
        String what = args.length == 0 ? "help" : args[0];
        String variant = System.getProperty("variant", Models.BASELINE);
        switch (what) {
            case "growth" -> c.growth(variant, args.length > 1 ? Long.parseLong(args[1]) : 60, args.length > 2 ? args[2] : "DPOR,SLEEP,NONE");
            case "reduction" -> c.reduction(variant);
            case "first" -> c.first(variant, args.length > 1 ? Integer.parseInt(args[1]) : 20);
            case "explore" -> c.explore(variant, args[1], ExhaustiveStrategy.Reduction.valueOf(args[2]));
            case "stateful" -> c.stateful(variant, args.length > 1 ? Long.parseLong(args[1]) : 60, args.length > 2 ? args[2] : "1x2,2x2,3x2,4x2,5x2,6x2",
                    args.length > 3 ? args[3] : "on");
            case "optimal" -> c.optimal(variant, args.length > 1 ? Long.parseLong(args[1]) : 60, args.length > 2 ? args[2] : "1x2,2x2,3x2,4x2");
            case "races" -> c.races(variant, args.length > 1 ? Long.parseLong(args[1]) : 60, args.length > 2 ? args[2] : "2x2");
            default -> System.out.println("usage: Counts growth [limitSeconds] [DPOR,SLEEP,NONE] | reduction | first [seeds] | explore SIZE REDUCTION"
                    + " | stateful [limitSeconds] [SIZES] [on|off (symmetry)] | optimal [limitSeconds] [SIZES] | races [limitSeconds] [SIZE]"
                    + "  (-Dvariant=NAME, default " + Models.BASELINE + ")");
        }
    }

    /** One exploration with its cost: this thread's CPU time and the wall time. */
    record Run(Exploration x, long cpuNanos, long wallNanos) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2f | %.2f | %.0f |", x.programId().replaceFirst("/jobs=(\\d+),iodepth=(\\d+),[^/]*/", "/$1x$2/"),
                    x.strategy(), x.stats().schedules(), x.stats().pruned(), x.stats().steps(), cpuNanos / 1e9, wallNanos / 1e9,
                    cpuNanos == 0 ? 0 : x.stats().steps() * 1e9 / cpuNanos);
        }
    }

    static <P extends fputsim.explore.Program> Run run(ProgramFactory<P> f, fputsim.explore.Strategy s, Bounds b) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        // The explorer's clock is this thread's CPU time: time limits hold on a loaded machine too.
        Exploration x = new Explorer(THREADS::getCurrentThreadCpuTime, () -> false, st -> { }, Integer.MAX_VALUE).explore(f, s, b);
        return new Run(x, THREADS.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
    }

    static Bounds limited(long limitSeconds) {
        return new Bounds(Bounds.defaults().maxSteps(), Bounds.defaults().maxSchedules(), limitSeconds * 1_000_000_000L, false);
    }

    /** Exhaustive verification as the scenario grows; a size is skipped once a smaller one did not finish. */
    void growth(String variant, long limitSeconds, String reductions) {
        out.println("| program | strategy | complete | pruned | steps | cpu s | wall s | steps/cpu-s | finished |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (String r : reductions.split(",")) {
            ExhaustiveStrategy.Reduction red = ExhaustiveStrategy.Reduction.valueOf(r);
            List<int[]> failed = new ArrayList<>();
            for (int jobs = 1; jobs <= 4; jobs++) {
                for (int depth = 1; depth <= 4; depth++) {
                    int j = jobs;
                    int d = depth;
                    if (failed.stream().anyMatch(f -> j >= f[0] && d >= f[1])) {
                        out.println("| 03/" + j + "x" + d + "/" + variant + " | " + Strategies.name(red) + " | | | | | | | skipped (a smaller size did not finish) |");
                        continue;
                    }
                    Run run = run(Models.scenario03(j + "x" + d, variant), new ExhaustiveStrategy(red, -1), limited(limitSeconds));
                    out.println(run.row() + " " + (run.x().exhausted() ? "yes" : "no: " + run.x().stopped() + " at " + limitSeconds + " cpu s") + " |");
                    out.flush();
                    if (!run.x().exhausted()) {
                        failed.add(new int[]{j, d});
                    }
                }
            }
        }
    }

    /**
     * The stateful search (sleep sets + visited states, symmetry on or off) as scenario 03 grows,
     * one size after another until one does not finish: states stored, paths stopped at a visited
     * state, steps, CPU and wall time, bytes per stored state, and the growth in states per size.
     */
    void stateful(String variant, long limitSeconds, String sizes, String symmetry) {
        out.println("| program | strategy | states | paths stopped at a visited state | steps | cpu s | wall s | bytes/state | states x previous | verdicts | finished |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        long previous = 0;
        for (String size : sizes.split(",")) {
            fputsim.explore.strategy.StatefulStrategy st = new fputsim.explore.strategy.StatefulStrategy(
                    new fputsim.explore.strategy.StatefulStrategy.Options(symmetry.equals("on"), 128, 200_000_000L));
            Run run = run(Models.scenario03(size, variant), st, limited(limitSeconds));
            Exploration x = run.x();
            out.println(String.format(Locale.ROOT, "| 03/%s/%s | dfs-stateful symmetry=%s | %d | %d | %d | %.2f | %.2f | %.0f | %s | %s | %s |",
                    size, variant, symmetry, st.states(), st.hits(), x.stats().steps(), run.cpuNanos() / 1e9, run.wallNanos() / 1e9,
                    st.states() == 0 ? 0.0 : (double) st.tableBytes() / st.states(),
                    previous == 0 ? "" : String.format(Locale.ROOT, "%.1f", (double) st.states() / previous), verdicts(x),
                    x.exhausted() ? "yes" : "no: " + x.stopped() + " at " + limitSeconds + " cpu s"));
            out.flush();
            previous = st.states();
            if (!x.exhausted()) {
                break;
            }
        }
    }

    /** The stateless optimal DPOR search (dfs-optimal) as scenario 03 grows, for the side-by-side table. */
    void optimal(String variant, long limitSeconds, String sizes) {
        out.println("| program | strategy | complete | pruned | steps | cpu s | wall s | steps/cpu-s | verdicts | finished |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String size : sizes.split(",")) {
            Run run = run(Models.scenario03(size, variant), new fputsim.explore.strategy.OptimalStrategy(), limited(limitSeconds));
            out.println(run.row() + " " + verdicts(run.x()) + " | " + (run.x().exhausted() ? "yes" : "no: " + run.x().stopped() + " at " + limitSeconds + " cpu s") + " |");
            out.flush();
            if (!run.x().exhausted()) {
                break;
            }
        }
    }

    /**
     * Which objects dfs-optimal's traces come from: every race whose reversal became a new wakeup
     * sequence (a new trace), counted by the keys that made the two steps dependent, numbers in
     * the key names replaced by # (so that the jobs' copies add up); a race through the enabling
     * relation with no common key is counted as "(enabling)".
     */
    void races(String variant, long limitSeconds, String size) {
        java.util.TreeMap<String, long[]> byKey = new java.util.TreeMap<>();
        long[] total = new long[1];
        fputsim.explore.strategy.OptimalStrategy s = new fputsim.explore.strategy.OptimalStrategy().onWakeup((a, b, probed) -> {
            total[0]++;
            List<Object> keys = a.conflicts(b);
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (Object k : keys) {
                names.add(String.valueOf(k).replaceAll("[0-9]+", "#"));
            }
            if (names.isEmpty()) {
                names.add(probed ? "(enabling)" : "(none)");
            }
            for (String n : names) {
                byKey.computeIfAbsent(n, x -> new long[1])[0]++;
            }
        });
        Run run = run(Models.scenario03(size, variant), s, limited(limitSeconds));
        out.println("| program | strategy | complete | pruned | steps | cpu s | wall s | steps/cpu-s |");
        out.println("|---|---|---|---|---|---|---|---|");
        out.println(run.row() + " " + (run.x().exhausted() ? "exhaustive" : "stopped: " + run.x().stopped()));
        out.println();
        out.println("new wakeup sequences: " + total[0] + " (a race on several keys counts under each)");
        out.println();
        out.println("| key (numbers as #) | wakeup sequences | share |");
        out.println("|---|---|---|");
        List<java.util.Map.Entry<String, long[]>> rows = new ArrayList<>(byKey.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        for (java.util.Map.Entry<String, long[]> e : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %.1f%% |%n", e.getKey(), e.getValue()[0], 100.0 * e.getValue()[0] / Math.max(1, total[0]));
        }
        out.flush();
    }

    /** Each property's verdict word, in the properties' order, as its first letter (N, S, A, U, V). */
    static String verdicts(Exploration x) {
        StringBuilder sb = new StringBuilder();
        for (fputsim.explore.Tally t : x.tallies()) {
            sb.append(x.verdictWord(t).charAt(0));
        }
        return sb.toString();
    }

    /**
     * Schedules explored (complete plus pruned) per Mazurkiewicz trace. Textbook scripts: traces
     * counted by brute force. Kernel model: traces taken as the complete schedules of the sleep-set
     * search, which explores exactly one schedule per trace of its dependency relation.
     */
    void reduction(String variant) {
        out.println("| program | interleavings | traces | dfs (DPOR) complete+pruned | ratio | dfs-sleep complete+pruned | ratio | dfs-nopor | ratio |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> names = new ArrayList<>();
        List<List<List<Scripted.Op>>> programs = new ArrayList<>();
        for (int n = 2; n <= 4; n++) {
            names.add(n + " x (read x; inc x)");
            programs.add(Traces.increments(n));
        }
        Random r = new Random(7);
        long[] sum = new long[5];
        double worst = 0;
        for (int round = 0; round < 25; round++) {
            List<List<Scripted.Op>> s = Traces.random(r);
            long traces = Traces.traces(s);
            long[] e = textbook("r" + round, s);
            sum[0] += Traces.interleavings(s);
            sum[1] += traces;
            sum[2] += e[0];
            sum[3] += e[1];
            sum[4] += e[2];
            worst = Math.max(worst, (double) e[0] / traces);
        }
        for (int i = 0; i < names.size(); i++) {
            List<List<Scripted.Op>> s = programs.get(i);
            long traces = Traces.traces(s);
            long[] e = textbook("inc" + i, s);
            out.println(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %d | %.2f | %d | %.2f |", names.get(i), Traces.interleavings(s), traces,
                    e[0], (double) e[0] / traces, e[1], (double) e[1] / traces, e[2], (double) e[2] / traces));
        }
        out.println(String.format(Locale.ROOT, "| 25 random scripts (seed 7), summed; worst DPOR ratio %.2f | %d | %d | %d | %.2f | %d | %.2f | %d | %.2f |",
                worst, sum[0], sum[1], sum[2], (double) sum[2] / sum[1], sum[3], (double) sum[3] / sum[1], sum[4], (double) sum[4] / sum[1]));
        for (String size : List.of("1x1", "1x2", "2x1", "1x3")) {
            ModelFactory f = Models.scenario03(size, variant);
            Exploration dpor = run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), limited(300)).x();
            Exploration sleep = run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1), limited(300)).x();
            Exploration none = run(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1), limited(60)).x();
            long traces = sleep.stats().schedules();
            out.println(String.format(Locale.ROOT, "| 03/%s/%s | %s | %s | %d+%d | %.2f | %d+%d | %.2f | %s | %s |", size, variant,
                    none.exhausted() ? "" + none.stats().schedules() : "> " + none.stats().schedules() + " (60 cpu s)",
                    sleep.exhausted() ? "" + traces : "?", dpor.stats().schedules(), dpor.stats().pruned(),
                    (double) (dpor.stats().schedules() + dpor.stats().pruned()) / traces,
                    sleep.stats().schedules(), sleep.stats().pruned(), (double) (sleep.stats().schedules() + sleep.stats().pruned()) / traces,
                    none.exhausted() ? "" + none.stats().schedules() : "> " + none.stats().schedules(),
                    none.exhausted() ? String.format(Locale.ROOT, "%.2f", (double) none.stats().schedules() / traces) : "> " + String.format(Locale.ROOT, "%.0f", (double) none.stats().schedules() / traces)));
            out.flush();
        }
    }

    /** {dpor complete+pruned, sleep complete+pruned, all interleavings} of a textbook program. */
    private static long[] textbook(String id, List<List<Scripted.Op>> s) {
        ProgramFactory<Scripted> f = Scripted.factory(id, s);
        long[] e = new long[3];
        int i = 0;
        for (ExhaustiveStrategy.Reduction red : List.of(ExhaustiveStrategy.Reduction.DPOR, ExhaustiveStrategy.Reduction.SLEEP, ExhaustiveStrategy.Reduction.NONE)) {
            Exploration x = Explorer.quiet().explore(f, new ExhaustiveStrategy(red, -1), Bounds.defaults());
            e[i++] = x.stats().schedules() + x.stats().pruned();
        }
        return e;
    }

    /** Schedules (and steps) until the first EBUSY, per strategy and size; random and pct over seeds 1..n. */
    void first(String variant, int seeds) {
        out.println("| program | strategy | seeds | schedules to first: median | mean | max | steps to first: mean | cpu ms: mean |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (String size : List.of("1x1", "2x2")) {
            ModelFactory f = Models.scenario03(size, variant);
            for (String strategy : List.of("dfs", "random", "pct")) {
                int n = strategy.equals("dfs") ? 1 : seeds;
                long[] schedules = new long[n];
                long steps = 0;
                long cpu = 0;
                for (int seed = 1; seed <= n; seed++) {
                    Run run = run(f, Models.strategy(strategy, seed, 1_000_000), Models.bounds(true));
                    if (run.x().tally(FirstViolationBench.EBUSY).violating() == 0) {
                        throw new IllegalStateException(strategy + " seed " + seed + " found no EBUSY");
                    }
                    schedules[seed - 1] = run.x().stats().schedules() + run.x().stats().pruned();
                    steps += run.x().stats().steps();
                    cpu += run.cpuNanos();
                }
                Arrays.sort(schedules);
                out.println(String.format(Locale.ROOT, "| 03/%s/%s | %s | %s | %d | %.1f | %d | %.0f | %.1f |", size, variant, strategy,
                        strategy.equals("dfs") ? "-" : "1.." + n, schedules[n / 2], Arrays.stream(schedules).average().orElse(0),
                        schedules[n - 1], (double) steps / n, cpu / 1e6 / n));
                out.flush();
            }
        }
    }

    /** One exhaustive run, then its counts and the heap pools' peak use (run with -Xlog:gc for the live set). */
    void explore(String variant, String size, ExhaustiveStrategy.Reduction red) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        Run run = run(Models.scenario03(size, variant), new ExhaustiveStrategy(red, -1), limited(0));
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        out.println(run.row() + " " + (run.x().exhausted() ? "yes" : "no") + " |");
        out.println(String.format(Locale.ROOT, "heap pools' peak use (sum): %.1f MiB; max heap %.0f MiB",
                peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
    }
}
