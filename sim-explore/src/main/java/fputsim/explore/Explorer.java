package fputsim.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs schedules of a program under a strategy until the strategy is exhausted or a bound is hit,
 * tallies the properties, and says how complete the run was ({@link Completeness}). The ticker is injected (the explorer reads no clock of its own), so
 * everything but the reported times is a function of the program, the strategy and the bounds.
 */
public final class Explorer {
    private final LongSupplier ticker;
    private final BooleanSupplier stopRequested;
    private final Consumer<Stats> progress;
    private final int progressEvery;

    public Explorer(LongSupplier ticker, BooleanSupplier stopRequested, Consumer<Stats> progress, int progressEvery) {
        this.ticker = ticker;
        this.stopRequested = stopRequested;
        this.progress = progress;
        this.progressEvery = Math.max(1, progressEvery);
    }

    /** An explorer with no clock (times read as zero), no stop signal and no progress callback. */
    public static Explorer quiet() {
        return new Explorer(() -> 0L, () -> false, s -> { }, Integer.MAX_VALUE);
    }

    public <P extends Program> Exploration explore(ProgramFactory<P> factory, Strategy strategy, Bounds bounds) {
        if (strategy instanceof fputsim.explore.strategy.OptimalStrategy o && (o.sleepSetsRoot() || o.workers() > 1)) {
            return SplitSearch.explore(factory, bounds, o.workers(), 0, 1, SplitSearch.DEFAULT_PREFIXES, ticker,
                    () -> 0L, stopRequested, progress, progressEvery, o.sleepOnly(), o.localSteps()).exploration();
        }
        if (strategy instanceof fputsim.explore.strategy.StatefulStrategy s) {
            return StatefulSearch.explore(factory, s, bounds, ticker, stopRequested, progress, progressEvery).exploration();
        }
        Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
        strategy.attach(runner::probe);
        int np = factory.properties().size();
        Summary summary = new Summary(np);
        long[] firstNanos = new long[np];
        long start = ticker.getAsLong();
        String stopped = null;
        boolean exhausted = false;
        while (true) {
            // The strategy is asked first, so that a budget running out exactly when the strategy
            // does is not reported as a cut.
            if (!strategy.beginSchedule()) {
                exhausted = true;
                break;
            }
            stopped = stopBefore(bounds, stopRequested, ticker, start, summary.schedules());
            if (stopped != null) {
                break;
            }
            Execution e = runner.run(strategy);
            summary.add(e);
            if (e.ending() == Ending.PRUNED) {
                continue;
            }
            for (Execution.Violation v : e.violations()) {
                if (summary.violating(v.property()) == 1) {
                    firstNanos[v.property()] = ticker.getAsLong() - start;
                }
            }
            if (summary.schedules() % progressEvery == 0) {
                progress.accept(summary.stats(ticker.getAsLong() - start, strategy.explored()));
            }
            if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                stopped = "violation";
                break;
            }
        }
        return summary.exploration(factory, strategy.name(), strategy.limit(), bounds, ticker.getAsLong() - start,
                exhausted, stopped, firstNanos);
    }

    /**
     * Why a search stops before its next schedule, or null: "stopped" (asked to), "schedule limit"
     * ({@code schedules} started already), "time limit" (since {@code start} on {@code ticker}), in
     * that order. The one rule of every driver (this loop, StatefulSearch, SplitSearch's workers);
     * {@link #completeness} turns the same words into cuts.
     */
    static String stopBefore(Bounds bounds, BooleanSupplier stopRequested, LongSupplier ticker, long start, long schedules) {
        if (stopRequested.getAsBoolean()) {
            return "stopped";
        }
        if (schedules >= bounds.maxSchedules()) {
            return "schedule limit";
        }
        if (bounds.timeLimitNanos() > 0 && ticker.getAsLong() - start >= bounds.timeLimitNanos()) {
            return "time limit";
        }
        return null;
    }

    /** Every cut of a run: the strategy's own bound, the step bound if any schedule reached it, and why the run ended early. */
    static Completeness completeness(Strategy strategy, Bounds bounds, String stopped, long stepBounded, long schedules) {
        return completeness(strategy.limit(), bounds, stopped, stepBounded, schedules);
    }

    /** The same, with the strategy's own cut given (null: none). */
    static Completeness completeness(Completeness.Cut own, Bounds bounds, String stopped, long stepBounded, long schedules) {
        List<Completeness.Cut> cuts = new ArrayList<>();
        if (own != null) {
            cuts.add(own.kind() == Completeness.Kind.SAMPLED
                    ? new Completeness.Cut(own.kind(), own.why() + ", " + schedules(schedules)) : own);
        }
        if (stepBounded > 0) {
            cuts.add(new Completeness.Cut(Completeness.Kind.STEP_BOUND, "max steps " + bounds.maxSteps() + " reached by "
                    + stepBounded + " of " + schedules(schedules)));
        }
        if (stopped != null) {
            cuts.add(switch (stopped) {
                case "schedule limit" -> new Completeness.Cut(Completeness.Kind.SCHEDULE_LIMIT, "max schedules " + bounds.maxSchedules() + " reached");
                case "time limit" -> new Completeness.Cut(Completeness.Kind.TIME_LIMIT,
                        "time limit " + Completeness.duration(bounds.timeLimitNanos()) + " reached");
                case "violation" -> new Completeness.Cut(Completeness.Kind.STOPPED_AT_VIOLATION, "stopped at the first violating schedule");
                default -> new Completeness.Cut(Completeness.Kind.INTERRUPTED, "stop requested after " + schedules(schedules));
            });
        }
        return new Completeness(cuts);
    }

    private static String schedules(long n) {
        return n + (n == 1 ? " schedule" : " schedules");
    }

    /** Fewer preemptions first, then fewer steps. */
    static boolean shorter(Execution a, Execution b) {
        if (b == null) {
            return true;
        }
        if (a.preemptions() != b.preemptions()) {
            return a.preemptions() < b.preemptions();
        }
        return a.steps() < b.steps();
    }
}
