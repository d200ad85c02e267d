package fputsim.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
        List<Property<? super P>> properties = factory.properties();
        int np = properties.size();
        long[] violating = new long[np];
        Execution[] first = new Execution[np];
        Execution[] shortest = new Execution[np];
        long[] firstAfter = new long[np];
        long[] firstNanos = new long[np];
        Set<String> endStates = new HashSet<>();
        long start = ticker.getAsLong();
        long schedules = 0;
        long pruned = 0;
        long steps = 0;
        int maxDepth = 0;
        String stopped = null;
        boolean exhausted = false;
        long stepBounded = 0;
        while (true) {
            // The strategy is asked first, so that a budget running out exactly when the strategy
            // does is not reported as a cut.
            if (!strategy.beginSchedule()) {
                exhausted = true;
                break;
            }
            if (stopRequested.getAsBoolean()) {
                stopped = "stopped";
                break;
            }
            if (schedules >= bounds.maxSchedules()) {
                stopped = "schedule limit";
                break;
            }
            if (bounds.timeLimitNanos() > 0 && ticker.getAsLong() - start >= bounds.timeLimitNanos()) {
                stopped = "time limit";
                break;
            }
            Execution e = runner.run(strategy);
            steps += e.steps();
            if (e.ending() == Ending.PRUNED) {
                pruned++;
                continue;
            }
            schedules++;
            if (e.ending() == Ending.STEP_BOUND) {
                stepBounded++;
            }
            maxDepth = Math.max(maxDepth, e.steps());
            if (e.endState() != null) {
                endStates.add(e.endState());
            }
            for (Execution.Violation v : e.violations()) {
                int i = v.property();
                if (violating[i]++ == 0) {
                    first[i] = e;
                    firstAfter[i] = schedules;
                    firstNanos[i] = ticker.getAsLong() - start;
                }
                if (shorter(e, shortest[i])) {
                    shortest[i] = e;
                }
            }
            if (schedules % progressEvery == 0) {
                progress.accept(new Stats(schedules, pruned, steps, endStates.size(), maxDepth, ticker.getAsLong() - start));
            }
            if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                stopped = "violation";
                break;
            }
        }
        Stats stats = new Stats(schedules, pruned, steps, endStates.size(), maxDepth, ticker.getAsLong() - start);
        List<Tally> tallies = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            Property<? super P> p = properties.get(i);
            tallies.add(new Tally(p.name(), p.outcome(), violating[i], schedules, first[i], shortest[i], firstAfter[i], firstNanos[i]));
        }
        Completeness c = completeness(strategy, bounds, stopped, stepBounded, schedules);
        return new Exploration(factory.id(), strategy.name(), bounds, stats, List.copyOf(tallies), exhausted, stopped, c);
    }

    /** Every cut of a run: the strategy's own bound, the step bound if any schedule reached it, and why the run ended early. */
    static Completeness completeness(Strategy strategy, Bounds bounds, String stopped, long stepBounded, long schedules) {
        List<Completeness.Cut> cuts = new ArrayList<>();
        Completeness.Cut own = strategy.limit();
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
