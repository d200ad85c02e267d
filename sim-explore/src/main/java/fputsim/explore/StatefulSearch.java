package fputsim.explore;

import fputsim.explore.strategy.ReplayStrategy;
import fputsim.explore.strategy.StatefulStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs the stateful search ({@link StatefulStrategy}) and states its result in states, not
 * schedules: a tally's counts are the stored states at which the property was found violated and
 * the other stored states; its verdict is the search's (Never when no reachable state violates it;
 * Sometimes when an explored complete schedule also avoids it; Always when none does, or
 * {@link Tally#UNDECIDED} when a cycle made that summary inexact). Counterexamples are real
 * schedules: a violating path that stopped at a visited state is run on to its end.
 */
public final class StatefulSearch {
    private StatefulSearch() {
    }

    /** What the search did, besides the exploration: for headers and statistics lines. */
    public record Result(Exploration exploration, long states, long hits, long revisits, long uncached, boolean inexact,
                         long tableBytes, double omissionBound, int hashBits) {
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "States: %d stored (%d bytes, %.1f bytes per state), %d paths stopped at a visited state, %d revisits with a smaller sleep set%s%s;"
                            + " %d-bit fingerprints: probability that a state was wrongly taken as visited <= %.2g",
                    states, tableBytes, states == 0 ? 0.0 : (double) tableBytes / states, hits, revisits,
                    uncached > 0 ? ", " + uncached + " new states not stored (table full)" : "",
                    inexact ? ", the state graph has a cycle: Always is not decided" : "", hashBits, omissionBound);
        }
    }

    /** The statistics line of a finished stateful search: states, memory, what a cycle or the fingerprint width costs. */
    public static String describe(StatefulStrategy s) {
        return new Result(null, s.states(), s.hits(), s.revisits(), s.uncached(), s.inexact(), s.tableBytes(), s.omissionBound(),
                s.options().hashBits()).describe();
    }

    public static <P extends Program> Result explore(ProgramFactory<P> factory, StatefulStrategy strategy, Bounds bounds,
                                                     LongSupplier ticker, BooleanSupplier stopRequested,
                                                     Consumer<Stats> progress, int progressEvery) {
        List<Property<? super P>> props = factory.properties();
        strategy.bind(props);
        Runner<P> runner = new Runner<>(factory, bounds.maxSteps());
        int np = props.size();
        Execution[] first = new Execution[np];
        Execution[] shortest = new Execution[np];
        long[] firstAfter = new long[np];
        long[] firstNanos = new long[np];
        Set<String> ends = new TreeSet<>();
        long paths = 0;
        long steps = 0;
        int maxDepth = 0;
        long start = ticker.getAsLong();
        String stopped = null;
        boolean exhausted = false;
        while (true) {
            if (!strategy.beginSchedule()) {
                exhausted = true;
                break;
            }
            stopped = Explorer.stopBefore(bounds, stopRequested, ticker, start, paths);
            if (stopped != null) {
                break;
            }
            Execution e = runner.run(strategy);
            paths++;
            steps += e.steps();
            maxDepth = Math.max(maxDepth, e.steps());
            if (e.endState() != null) {
                ends.add(e.endState());
            }
            for (Execution.Violation v : e.violations()) {
                int p = v.property();
                Execution whole = e.ending() != Ending.PRUNED ? e : first[p] == null ? complete(runner, e) : null;
                if (whole == null) {
                    continue;
                }
                if (first[p] == null) {
                    first[p] = whole;
                    firstAfter[p] = paths;
                    firstNanos[p] = ticker.getAsLong() - start;
                }
                if (Explorer.shorter(whole, shortest[p])) {
                    shortest[p] = whole;
                }
            }
            if (paths % progressEvery == 0) {
                progress.accept(new Stats(strategy.states(), strategy.hits(), steps, ends.size(), maxDepth,
                        ticker.getAsLong() - start));
            }
            if (bounds.stopOnViolation() && !e.violations().isEmpty()) {
                stopped = "violation";
                break;
            }
            if (strategy.options().stopWhenFull() && strategy.tableFull()) {
                stopped = "max states";
                break;
            }
        }
        boolean done = exhausted && stopped == null;
        List<Tally> tallies = new ArrayList<>(np);
        for (int p = 0; p < np; p++) {
            long v = strategy.violatingStates(p);
            String word;
            if (v == 0) {
                word = "Never";
            } else if (strategy.avoidable(p)) {
                word = "Sometimes"; // a violating schedule and an explored one that avoids it
            } else if (!done || strategy.inexact()) {
                word = Tally.UNDECIDED;
            } else {
                word = "Always";
            }
            Property<? super P> prop = props.get(p);
            tallies.add(new Tally(prop.name(), prop.outcome(), v, strategy.states(), first[p], shortest[p], firstAfter[p],
                    firstNanos[p], word));
        }
        long elapsed = ticker.getAsLong() - start;
        Stats stats = new Stats(strategy.states(), strategy.hits(), steps, ends.size(), maxDepth, elapsed);
        boolean full = "max states".equals(stopped);
        Completeness.Cut own = full ? new Completeness.Cut(Completeness.Kind.MAX_STATES, "max-states " + strategy.options().maxStates()
                + " reached, the table of visited states is full") : strategy.limit();
        Completeness c = Explorer.completeness(own, bounds, full ? null : stopped, strategy.stepBounded(), paths)
                .withCaveat(strategy.caveat());
        Exploration x = new Exploration(factory.id(), strategy.name(), bounds, stats, List.copyOf(tallies), exhausted, stopped, c);
        return new Result(x, strategy.states(), strategy.hits(), strategy.revisits(), strategy.uncached(), strategy.inexact(),
                strategy.tableBytes(), strategy.omissionBound(), strategy.options().hashBits());
    }

    /** A path that stopped at a visited state, run on to an end (the same prefix, so the same violations, and more). */
    private static <P extends Program> Execution complete(Runner<P> runner, Execution prefix) {
        Execution whole = runner.run(new ReplayStrategy(prefix.decisions(), false));
        return whole.violations().size() >= prefix.violations().size() ? whole : prefix;
    }
}
