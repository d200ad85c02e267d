package fputsim.explore;

import fputsim.explore.strategy.OptimalStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The optimal search split at a fixed depth, for every core and for shards. The levels above the
 * split branch over every enabled step that does not sleep (sleep sets only); each prefix that
 * reaches the split depth roots a subtree that {@link OptimalStrategy#subtree} searches on its
 * own, from the prefix's sleep set. The prefixes depend on the program only (the smallest depth
 * with at least {@code minPrefixes} of them), so the parts, their order and their summaries are
 * the same for any number of workers or shards; parts are merged in prefix order.
 *
 * <p>Workers share the parts by work stealing ({@link PartDeques}: a deque per worker, dealt out
 * round robin; an idle worker steals from the back of the fullest), each with its own
 * {@link Runner}, so its own program instances ({@link ProgramFactory#create()} per schedule;
 * properties must not keep state between calls). The parts differ in size by orders of
 * magnitude (scenario 03 2x2: one of 16 holds a third of the work, and splitting deeper does not
 * divide it), so the search runs in two rounds: every part runs its first {@link #PILOT}
 * schedules, then the unfinished ones run to the end, the largest estimated remainder first
 * (from the strategy's explored fraction), so that no large part starts last. Shard {@code i} of {@code n} searches the
 * prefixes whose index is {@code i} modulo {@code n}.
 *
 * <p>Verdicts, counts and counterexamples are the same for any number of workers and any thread
 * timing when the search runs to the end, and also when it stops at the first violation: the
 * search then keeps the parts before the first violating part in prefix order (all searched to
 * the end), that part up to its first violating schedule, and nothing after it (parts after it
 * are dropped, even when a worker finished them), which is what one worker reports. A time,
 * schedule or stop-request limit ends it at a point that depends on thread timing.
 */
public final class SplitSearch {
    public static final int DEFAULT_PREFIXES = 16;

    private SplitSearch() {
    }

    /** A root of one part: the decisions of the steps above the split, and the sleep set there. */
    public record Prefix(int[] decisions, List<OptimalStrategy.Event> sleep) {
    }

    /**
     * What one worker did, both rounds together: parts it ended (searched to their end, or
     * stopped in), times it took a part from another worker's deque, the schedules and steps it
     * ran, and its time by the injected per-thread clock (0 without one).
     */
    public record WorkerStats(int parts, int stolen, long schedules, long pruned, long steps, long clockNanos) {
    }

    /** The parts searched (null for prefixes of other shards, or dropped), the merged result, and each worker's share. */
    public record Result(List<Prefix> prefixes, Summary[] parts, Exploration exploration, List<WorkerStats> workers) {
    }

    /** The prefixes at the smallest depth that has at least {@code minPrefixes} of them (or the whole tree). */
    public static <P extends Program> List<Prefix> prefixes(ProgramFactory<P> factory, int maxSteps, int minPrefixes) {
        List<Prefix> out = List.of();
        Bounds unbounded = new Bounds(maxSteps, Long.MAX_VALUE, 0, false);
        for (int depth = 1; depth <= 256; depth++) {
            List<Prefix> got = new ArrayList<>();
            boolean[] deeper = {false};
            OptimalStrategy e = OptimalStrategy.enumerator(depth, (decisions, sleep, complete) -> {
                got.add(new Prefix(decisions, sleep));
                deeper[0] |= !complete;
            });
            Explorer.quiet().explore(factory, e, unbounded);
            out = got;
            if (got.size() >= minPrefixes || !deeper[0]) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /** As below, with no per-thread clock (the workers' times read as zero). */
    public static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                                     int shards, int minPrefixes, LongSupplier ticker,
                                                     BooleanSupplier stopRequested, Consumer<Stats> progress,
                                                     int progressEvery) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, () -> 0L, stopRequested, progress,
                progressEvery);
    }

    /**
     * Searches shard {@code shard} of {@code shards} (0 of 1: everything) with {@code workers}
     * threads, reporting merged progress now and then. {@code workerClock} is read on each
     * worker's own thread at its start and end (e.g. that thread's CPU time), for
     * {@link WorkerStats#clockNanos()}; the explorer reads no clock of its own.
     */
    public static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                                     int shards, int minPrefixes, LongSupplier ticker,
                                                     LongSupplier workerClock, BooleanSupplier stopRequested,
                                                     Consumer<Stats> progress, int progressEvery) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, workerClock, stopRequested, progress,
                progressEvery, PILOT);
    }

    /** The same with the first round's schedules per part given (tests pause parts often with a small one). */
    static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                              int shards, int minPrefixes, LongSupplier ticker,
                                              LongSupplier workerClock, BooleanSupplier stopRequested,
                                              Consumer<Stats> progress, int progressEvery, long pilot) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, workerClock, stopRequested, progress,
                progressEvery, pilot, false);
    }

    /**
     * As above; with {@code sleepOnly}, the sleep-set search ({@code dfs-sleep}) split the same way:
     * the same prefixes, each part searched with sleep sets only ({@link OptimalStrategy#subtreeSleepSets}),
     * a proof where DPOR's is not (docs/explorer.md, point 7).
     */
    public static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                                     int shards, int minPrefixes, LongSupplier ticker,
                                                     LongSupplier workerClock, BooleanSupplier stopRequested,
                                                     Consumer<Stats> progress, int progressEvery, boolean sleepOnly) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, workerClock, stopRequested, progress,
                progressEvery, PILOT, sleepOnly, sleepOnly);
    }

    /**
     * As above, with the sleep-set search's local-step rule on or off ({@code localSteps}, for
     * {@code sleepOnly} only; docs/explorer.md, "Local steps"): it applies below the split, in
     * each part.
     */
    public static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                                     int shards, int minPrefixes, LongSupplier ticker,
                                                     LongSupplier workerClock, BooleanSupplier stopRequested,
                                                     Consumer<Stats> progress, int progressEvery, boolean sleepOnly,
                                                     boolean localSteps) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, workerClock, stopRequested, progress,
                progressEvery, PILOT, sleepOnly, localSteps);
    }

    static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                              int shards, int minPrefixes, LongSupplier ticker,
                                              LongSupplier workerClock, BooleanSupplier stopRequested,
                                              Consumer<Stats> progress, int progressEvery, long pilot, boolean sleepOnly) {
        return explore(factory, bounds, workers, shard, shards, minPrefixes, ticker, workerClock, stopRequested, progress,
                progressEvery, pilot, sleepOnly, sleepOnly);
    }

    static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                              int shards, int minPrefixes, LongSupplier ticker,
                                              LongSupplier workerClock, BooleanSupplier stopRequested,
                                              Consumer<Stats> progress, int progressEvery, long pilot, boolean sleepOnly,
                                              boolean localSteps) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + shard + "/" + shards);
        }
        long start = ticker.getAsLong();
        List<Prefix> prefixes = prefixes(factory, bounds.maxSteps(), minPrefixes);
        List<Integer> mine = new ArrayList<>();
        for (int i = shard; i < prefixes.size(); i += shards) {
            mine.add(i);
        }
        int n = Math.max(1, Math.min(workers, mine.size()));
        Shared<P> sh = new Shared<>(factory, bounds, prefixes, ticker, stopRequested, progress, Math.max(1, progressEvery), start,
                mine.size(), sleepOnly, sleepOnly && localSteps);
        // Round 1: every part runs its first PILOT schedules (most small parts finish there).
        List<Part> all = new ArrayList<>();
        for (int index : mine) {
            all.add(new Part(index));
        }
        WorkerStats[] stats = round(sh, all, n, workerClock, pilot);
        // Round 2: the rest, the largest estimated remainder first (longest processing time first).
        List<Part> open = new ArrayList<>();
        for (Part p : all) {
            if (!p.over) {
                open.add(p);
            }
        }
        open.sort(Comparator.comparingDouble((Part p) -> -p.remaining()).thenComparingInt(p -> p.index));
        if (!open.isEmpty() && !sh.stop.get()) {
            WorkerStats[] more = round(sh, open, n, workerClock, Long.MAX_VALUE);
            for (int w = 0; w < n; w++) {
                WorkerStats a = stats[w];
                WorkerStats b = more[w];
                stats[w] = new WorkerStats(a.parts() + b.parts(), a.stolen() + b.stolen(), a.schedules() + b.schedules(),
                        a.pruned() + b.pruned(), a.steps() + b.steps(), a.clockNanos() + b.clockNanos());
            }
        }
        for (Part p : all) {
            if (!p.over && p.summary != null) {
                sh.parts[p.index] = p.summary; // stopped between rounds: what it ran is counted
            }
        }
        int cut = sh.cutoff.get();
        for (int i = cut + 1; cut != Integer.MAX_VALUE && i < sh.parts.length; i++) {
            sh.parts[i] = null; // after the first violating part: not what one worker would have searched
        }
        Summary merged = merge(sh.parts, sh.np);
        String why = sh.why[0] != null ? sh.why[0] : cut != Integer.MAX_VALUE ? "violation" : null;
        boolean exhausted = why == null && sh.finished.get() == mine.size();
        String base = sleepOnly ? "dfs-sleep" : "dfs-optimal";
        String strategy = shards == 1 ? base : base + "-shard" + shard + "of" + shards;
        Exploration x = merged.exploration(factory, strategy, bounds, ticker.getAsLong() - start, exhausted,
                exhausted ? null : why != null ? why : "stopped");
        return new Result(prefixes, sh.parts, x, List.of(stats));
    }

    /**
     * Schedules each part runs in the first round. A part's search can stop between schedules and
     * go on later, in any worker (its state is its strategy and its summary; a runner holds
     * nothing a schedule depends on), so the rounds change who runs what, never the result.
     */
    static final int PILOT = 64;

    /** One round: {@code n} workers (the caller's thread the first) share the parts by work stealing, each running up to {@code slice} more schedules of a part. */
    private static <P extends Program> WorkerStats[] round(Shared<P> sh, List<Part> parts, int n, LongSupplier clock, long slice) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            order.add(k);
        }
        PartDeques deques = new PartDeques(order, n);
        WorkerStats[] stats = new WorkerStats[n];
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            int w = t;
            Thread th = new Thread(() -> stats[w] = sh.work(w, clock, deques, parts, slice), "explore-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        stats[0] = sh.work(0, clock, deques, parts, slice);
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sh.stop.set(true);
            }
        }
        return stats;
    }

    /** One part's search, which may pause between schedules: its strategy, its summary, and whether it is over. */
    private static final class Part {
        final int index;
        OptimalStrategy strategy;
        Summary summary;
        /** Searched to the end, stopped inside, or dropped: never run again. */
        boolean over;

        Part(int index) {
            this.index = index;
        }

        /** The schedules still to run, estimated from those run and the strategy's explored fraction (infinite: no estimate). */
        double remaining() {
            double f = strategy == null ? 0 : strategy.explored();
            long ran = summary == null ? 0 : summary.schedules() + summary.pruned();
            return f <= 0 ? Double.POSITIVE_INFINITY : ran * (1 - f) / f;
        }
    }

    /** What the workers share: the parts' summaries, the merged counts for progress, and why the search stopped. */
    private static final class Shared<P extends Program> {
        final ProgramFactory<P> factory;
        final Bounds bounds;
        final List<Prefix> prefixes;
        final LongSupplier ticker;
        final BooleanSupplier stopRequested;
        final Consumer<Stats> progress;
        final int progressEvery;
        final long start;
        final int partsInShard;
        final int np;
        final Summary[] parts;
        final AtomicLong schedules = new AtomicLong();
        final AtomicLong pruned = new AtomicLong();
        final AtomicLong steps = new AtomicLong();
        final AtomicInteger depth = new AtomicInteger(); // the longest schedule so far, for progress
        final AtomicInteger finished = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        /** The smallest part (prefix index) with a violation when stopping on one; parts after it are dropped. */
        final AtomicInteger cutoff = new AtomicInteger(Integer.MAX_VALUE);
        final String[] why = new String[1];
        final boolean sleepOnly;
        final boolean localSteps;

        Shared(ProgramFactory<P> factory, Bounds bounds, List<Prefix> prefixes, LongSupplier ticker,
               BooleanSupplier stopRequested, Consumer<Stats> progress, int progressEvery, long start, int partsInShard,
               boolean sleepOnly, boolean localSteps) {
            this.sleepOnly = sleepOnly;
            this.localSteps = localSteps;
            this.factory = factory;
            this.bounds = bounds;
            this.prefixes = prefixes;
            this.ticker = ticker;
            this.stopRequested = stopRequested;
            this.progress = progress;
            this.progressEvery = progressEvery;
            this.start = start;
            this.partsInShard = partsInShard;
            this.np = factory.properties().size();
            this.parts = new Summary[prefixes.size()];
        }

        /** One worker in one round: takes parts until none is left or the search stops. */
        WorkerStats work(int worker, LongSupplier clock, PartDeques deques, List<Part> list, long slice) {
            long t0 = clock.getAsLong();
            Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
            int over = 0;
            long[] mine = new long[3];
            while (!stop.get()) {
                int k = deques.take(worker);
                if (k < 0) {
                    break;
                }
                Part p = list.get(k);
                if (p.index > cutoff.get()) {
                    p.over = true; // after the first violating part: dropped
                    continue;
                }
                if (run(runner, p, slice, mine)) {
                    over++;
                }
            }
            return new WorkerStats(over, deques.stolen(worker), mine[0], mine[1], mine[2], clock.getAsLong() - t0);
        }

        /**
         * Runs up to {@code slice} more schedules of a part (counted into {@code mine}: schedules,
         * pruned, steps); true when the part is over and its summary stored.
         */
        private boolean run(Runner<P> runner, Part part, long slice, long[] mine) {
            if (part.strategy == null) {
                Prefix p = prefixes.get(part.index);
                part.strategy = sleepOnly ? OptimalStrategy.subtreeSleepSets(p.decisions(), p.sleep(), localSteps)
                        : OptimalStrategy.subtree(p.decisions(), p.sleep());
                part.summary = new Summary(np);
            }
            OptimalStrategy s = part.strategy;
            Summary sum = part.summary;
            s.attach(runner::probe);
            for (long ran = 0; ran < slice; ran++) {
                if (part.index > cutoff.get()) {
                    part.over = true;
                    return false;
                }
                String limit = stop.get() ? "" : Explorer.stopBefore(bounds, stopRequested, ticker, start, schedules.get());
                if (limit != null) {
                    synchronized (why) {
                        if (why[0] == null && !limit.isEmpty()) {
                            why[0] = limit;
                        }
                    }
                    stop.set(true);
                    return over(part); // partial: the search was stopped inside this part
                }
                if (!s.beginSchedule()) {
                    finished.incrementAndGet();
                    return over(part);
                }
                Execution e = runner.run(s);
                sum.add(e);
                steps.addAndGet(e.steps());
                depth.accumulateAndGet(e.steps(), Math::max);
                mine[2] += e.steps();
                if (e.ending() == Ending.PRUNED) {
                    pruned.incrementAndGet();
                    mine[1]++;
                    continue;
                }
                mine[0]++;
                long n = schedules.incrementAndGet();
                if (n % progressEvery == 0) {
                    double f = (finished.get() + s.explored()) / partsInShard;
                    synchronized (why) {
                        progress.accept(new Stats(n, pruned.get(), steps.get(), -1, depth.get(), ticker.getAsLong() - start, f));
                    }
                }
                if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                    cutoff.accumulateAndGet(part.index, Math::min);
                    return over(part); // up to its first violating schedule: what one worker keeps of it
                }
            }
            return false; // paused: goes on in the next round
        }

        private boolean over(Part part) {
            part.over = true;
            parts[part.index] = part.summary;
            return true;
        }
    }

    /** The parts present, merged in prefix order. */
    public static Summary merge(Summary[] parts, int properties) {
        Summary merged = new Summary(properties);
        for (Summary s : parts) {
            if (s != null) {
                merged.append(s);
            }
        }
        return merged;
    }
}
