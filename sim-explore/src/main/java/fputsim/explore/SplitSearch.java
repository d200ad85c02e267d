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
 * <p>Workers take the next unsearched prefix from a shared counter (self-scheduling: a worker
 * that finishes early takes more), each with its own {@link Runner}, so its own program instances
 * ({@link ProgramFactory#create()} per schedule; properties must not keep state between calls).
 * Shard {@code i} of {@code n} searches the prefixes whose index is {@code i} modulo {@code n}.
 *
 * <p>Verdicts and counts are deterministic when the search runs to the end. A time, schedule or
 * stop-on-violation limit ends it at a point that depends on thread timing.
 */
public final class SplitSearch {
    public static final int DEFAULT_PREFIXES = 16;

    private SplitSearch() {
    }

    /** A root of one part: the decisions of the steps above the split, and the sleep set there. */
    public record Prefix(int[] decisions, List<OptimalStrategy.Event> sleep) {
    }

    /** The parts searched (null for prefixes of other shards), and the merged result. */
    public record Result(List<Prefix> prefixes, Summary[] parts, Exploration exploration) {
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

    /**
     * Searches shard {@code shard} of {@code shards} (0 of 1: everything) with {@code workers}
     * threads, reporting merged progress now and then.
     */
    public static <P extends Program> Result explore(ProgramFactory<P> factory, Bounds bounds, int workers, int shard,
                                                     int shards, int minPrefixes, LongSupplier ticker,
                                                     BooleanSupplier stopRequested, Consumer<Stats> progress,
                                                     int progressEvery) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + shard + "/" + shards);
        }
        long start = ticker.getAsLong();
        List<Prefix> prefixes = prefixes(factory, bounds.maxSteps(), minPrefixes);
        List<Integer> mine = new ArrayList<>();
        for (int i = shard; i < prefixes.size(); i += shards) {
            mine.add(i);
        }
        Summary[] parts = new Summary[prefixes.size()];
        int np = factory.properties().size();
        AtomicInteger next = new AtomicInteger();
        AtomicLong schedules = new AtomicLong();
        AtomicLong pruned = new AtomicLong();
        AtomicLong steps = new AtomicLong();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        String[] why = new String[1];
        Object lock = new Object();
        Runnable worker = () -> {
            Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
            while (!stop.get()) {
                int k = next.getAndIncrement();
                if (k >= mine.size()) {
                    return;
                }
                int index = mine.get(k);
                Prefix p = prefixes.get(index);
                OptimalStrategy s = OptimalStrategy.subtree(p.decisions(), p.sleep());
                s.attach(runner::probe);
                Summary sum = new Summary(np);
                boolean done = false;
                while (!stop.get()) {
                    String limit = limit(bounds, ticker, start, stopRequested, schedules.get());
                    if (limit != null) {
                        synchronized (lock) {
                            if (why[0] == null) {
                                why[0] = limit;
                            }
                        }
                        stop.set(true);
                        break;
                    }
                    if (!s.beginSchedule()) {
                        done = true;
                        break;
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
                        double f = (finished.get() + s.explored()) / mine.size();
                        synchronized (lock) {
                            progress.accept(new Stats(n, pruned.get(), steps.get(), 0, 0, ticker.getAsLong() - start, f));
                        }
                    }
                    if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                        synchronized (lock) {
                            if (why[0] == null) {
                                why[0] = "violation";
                            }
                        }
                        stop.set(true);
                    }
                }
                if (done) {
                    parts[index] = sum;
                    finished.incrementAndGet();
                } else {
                    parts[index] = sum; // partial: the search was stopped inside this part
                }
            }
        };
        int n = Math.max(1, Math.min(workers, mine.size()));
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            Thread th = new Thread(worker, "explore-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        worker.run();
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
        Summary merged = merge(parts, np);
        boolean exhausted = why[0] == null && finished.get() == mine.size();
        String strategy = shards == 1 ? "dfs-optimal" : "dfs-optimal-shard" + shard + "of" + shards;
        Exploration x = merged.exploration(factory, strategy, bounds, ticker.getAsLong() - start, exhausted,
                exhausted ? null : why[0] != null ? why[0] : "stopped");
        return new Result(prefixes, parts, x);
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
