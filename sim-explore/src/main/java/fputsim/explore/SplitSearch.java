package fputsim.explore;

import fputsim.explore.strategy.OptimalStrategy;

import java.util.ArrayList;
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
 * properties must not keep state between calls). Shard {@code i} of {@code n} searches the
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
     * What one worker did: parts searched (of them stolen from another worker's deque), their
     * schedules and steps, and its time by the injected per-thread clock (0 without one).
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
        Shared<P> sh = new Shared<>(factory, bounds, prefixes, new PartDeques(mine, n), ticker, stopRequested, progress,
                Math.max(1, progressEvery), start, mine.size());
        WorkerStats[] stats = new WorkerStats[n];
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            int w = t;
            Thread th = new Thread(() -> stats[w] = sh.work(w, workerClock), "explore-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        stats[0] = sh.work(0, workerClock);
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sh.stop.set(true);
            }
        }
        int cut = sh.cutoff.get();
        for (int i = cut + 1; cut != Integer.MAX_VALUE && i < sh.parts.length; i++) {
            sh.parts[i] = null; // after the first violating part: not what one worker would have searched
        }
        Summary merged = merge(sh.parts, sh.np);
        String why = sh.why[0] != null ? sh.why[0] : cut != Integer.MAX_VALUE ? "violation" : null;
        boolean exhausted = why == null && sh.finished.get() == mine.size();
        String strategy = shards == 1 ? "dfs-optimal" : "dfs-optimal-shard" + shard + "of" + shards;
        Exploration x = merged.exploration(factory, strategy, bounds, ticker.getAsLong() - start, exhausted,
                exhausted ? null : why != null ? why : "stopped");
        return new Result(prefixes, sh.parts, x, List.of(stats));
    }

    /** What the workers share: the parts' deques and summaries, the merged counts for progress, and why the search stopped. */
    private static final class Shared<P extends Program> {
        final ProgramFactory<P> factory;
        final Bounds bounds;
        final List<Prefix> prefixes;
        final PartDeques deques;
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
        final AtomicInteger finished = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        /** The smallest part (prefix index) with a violation when stopping on one; parts after it are dropped. */
        final AtomicInteger cutoff = new AtomicInteger(Integer.MAX_VALUE);
        final String[] why = new String[1];

        Shared(ProgramFactory<P> factory, Bounds bounds, List<Prefix> prefixes, PartDeques deques, LongSupplier ticker,
               BooleanSupplier stopRequested, Consumer<Stats> progress, int progressEvery, long start, int partsInShard) {
            this.factory = factory;
            this.bounds = bounds;
            this.prefixes = prefixes;
            this.deques = deques;
            this.ticker = ticker;
            this.stopRequested = stopRequested;
            this.progress = progress;
            this.progressEvery = progressEvery;
            this.start = start;
            this.partsInShard = partsInShard;
            this.np = factory.properties().size();
            this.parts = new Summary[prefixes.size()];
        }

        /** One worker: takes parts until none is left or the search stops. */
        WorkerStats work(int worker, LongSupplier clock) {
            long t0 = clock.getAsLong();
            Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
            int done = 0;
            long mySchedules = 0;
            long myPruned = 0;
            long mySteps = 0;
            while (!stop.get()) {
                int index = deques.take(worker);
                if (index < 0) {
                    break;
                }
                if (index > cutoff.get()) {
                    continue; // after the first violating part: dropped
                }
                Summary sum = part(runner, index);
                if (sum == null) {
                    continue;
                }
                parts[index] = sum;
                done++;
                mySchedules += sum.schedules();
                myPruned += sum.pruned();
                mySteps += sum.steps();
            }
            return new WorkerStats(done, deques.stolen(worker), mySchedules, myPruned, mySteps, clock.getAsLong() - t0);
        }

        /** Searches one part; null when it was dropped (a violation in an earlier part) or the search stopped in it with nothing kept. */
        private Summary part(Runner<P> runner, int index) {
            Prefix p = prefixes.get(index);
            OptimalStrategy s = OptimalStrategy.subtree(p.decisions(), p.sleep());
            s.attach(runner::probe);
            Summary sum = new Summary(np);
            while (true) {
                if (index > cutoff.get()) {
                    return null;
                }
                String limit = stop.get() ? "" : limit(bounds, ticker, start, stopRequested, schedules.get());
                if (limit != null) {
                    synchronized (why) {
                        if (why[0] == null && !limit.isEmpty()) {
                            why[0] = limit;
                        }
                    }
                    stop.set(true);
                    return sum; // partial: the search was stopped inside this part
                }
                if (!s.beginSchedule()) {
                    finished.incrementAndGet();
                    return sum;
                }
                Execution e = runner.run(s);
                sum.add(e);
                steps.addAndGet(e.steps());
                if (e.ending() == Ending.PRUNED) {
                    pruned.incrementAndGet();
                    continue;
                }
                long n = schedules.incrementAndGet();
                if (n % progressEvery == 0) {
                    double f = (finished.get() + s.explored()) / partsInShard;
                    synchronized (why) {
                        progress.accept(new Stats(n, pruned.get(), steps.get(), 0, 0, ticker.getAsLong() - start, f));
                    }
                }
                if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                    cutoff.accumulateAndGet(index, Math::min);
                    return sum; // up to its first violating schedule: what one worker keeps of it
                }
            }
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

    private static String limit(Bounds b, LongSupplier ticker, long start, BooleanSupplier stopRequested, long schedules) {
        if (stopRequested.getAsBoolean()) {
            return "stopped";
        }
        if (schedules >= b.maxSchedules()) {
            return "schedule limit";
        }
        if (b.timeLimitNanos() > 0 && ticker.getAsLong() - start >= b.timeLimitNanos()) {
            return "time limit";
        }
        return null;
    }
}
