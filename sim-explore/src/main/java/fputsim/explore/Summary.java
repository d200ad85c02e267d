package fputsim.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the complete schedules of one part of a search showed: counts, distinct end states, and
 * per property the violating count with the first and the shortest violating schedule. Parts of
 * a split search are merged in their fixed order, so the merged summary is the same whatever
 * order the parts finished in (and whichever machine ran them).
 */
public final class Summary {
    private long schedules;
    /** Complete schedules that ended at the step bound (a cut of the search). */
    private long stepBounded;
    private long pruned;
    private long steps;
    private int maxDepth;
    private final Set<String> endStates = new TreeSet<>();
    private final long[] violating;
    private final Execution[] first;
    private final Execution[] shortest;
    private final long[] firstAfter;

    public Summary(int properties) {
        violating = new long[properties];
        first = new Execution[properties];
        shortest = new Execution[properties];
        firstAfter = new long[properties];
    }

    /** Rebuilds a summary from its parts (for shards read back from their JSON). */
    public static Summary of(long schedules, long pruned, long steps, int maxDepth, List<String> endStates,
                             long[] violating, Execution[] first, Execution[] shortest, long[] firstAfter) {
        Summary s = new Summary(violating.length);
        s.schedules = schedules;
        s.pruned = pruned;
        s.steps = steps;
        s.maxDepth = maxDepth;
        s.endStates.addAll(endStates);
        for (int i = 0; i < violating.length; i++) {
            s.violating[i] = violating[i];
            s.first[i] = first[i];
            s.shortest[i] = shortest[i];
            s.firstAfter[i] = firstAfter[i];
        }
        return s;
    }

    /** Adds one schedule (complete or pruned). */
    public void add(Execution e) {
        steps += e.steps();
        if (e.ending() == Ending.PRUNED) {
            pruned++;
            return;
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
            }
            if (Explorer.shorter(e, shortest[i])) {
                shortest[i] = e;
            }
        }
    }

    /** Appends a later part: its firsts count after this part's schedules; a shortest replaces only a strictly shorter one. */
    public void append(Summary later) {
        for (int i = 0; i < violating.length; i++) {
            if (violating[i] == 0 && later.violating[i] > 0) {
                first[i] = later.first[i];
                firstAfter[i] = schedules + later.firstAfter[i];
            }
            violating[i] += later.violating[i];
            if (later.shortest[i] != null && Explorer.shorter(later.shortest[i], shortest[i])) {
                shortest[i] = later.shortest[i];
            }
        }
        schedules += later.schedules;
        pruned += later.pruned;
        steps += later.steps;
        maxDepth = Math.max(maxDepth, later.maxDepth);
        endStates.addAll(later.endStates);
    }

    public long schedules() {
        return schedules;
    }

    public long pruned() {
        return pruned;
    }

    public long steps() {
        return steps;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Distinct end-state fingerprints, sorted. */
    public List<String> endStates() {
        return new ArrayList<>(endStates);
    }

    public long violating(int property) {
        return violating[property];
    }

    public Execution first(int property) {
        return first[property];
    }

    public Execution shortest(int property) {
        return shortest[property];
    }

    public long firstAfter(int property) {
        return firstAfter[property];
    }

    public int properties() {
        return violating.length;
    }

    public Stats stats(long elapsedNanos) {
        return new Stats(schedules, pruned, steps, endStates.size(), maxDepth, elapsedNanos);
    }

    /** The statistics so far, with the strategy's estimate of the share explored (progress lines). */
    public Stats stats(long elapsedNanos, double explored) {
        return new Stats(schedules, pruned, steps, endStates.size(), maxDepth, elapsedNanos, explored);
    }

    /** The exploration this summary describes (a part of a split search is cut as a shard). */
    public <P extends Program> Exploration exploration(ProgramFactory<P> factory, String strategy, Bounds bounds,
                                                       long elapsedNanos, boolean exhausted, String stopped) {
        Completeness.Cut own = strategy.contains("-shard")
                ? new Completeness.Cut(Completeness.Kind.PARTIAL, "one shard of a split search (" + strategy + "): merge the shards for a verdict")
                : null;
        return exploration(factory, strategy, own, bounds, elapsedNanos, exhausted, stopped, new long[violating.length]);
    }

    /**
     * The exploration this summary describes: {@code own} is the strategy's own cut (null: none),
     * {@code firstNanos} when each property was first violated (0: not timed).
     */
    <P extends Program> Exploration exploration(ProgramFactory<P> factory, String strategy, Completeness.Cut own, Bounds bounds,
                                                long elapsedNanos, boolean exhausted, String stopped, long[] firstNanos) {
        List<Property<? super P>> properties = factory.properties();
        List<Tally> tallies = new ArrayList<>(properties.size());
        for (int i = 0; i < properties.size(); i++) {
            Property<? super P> p = properties.get(i);
            tallies.add(new Tally(p.name(), p.outcome(), violating[i], schedules, first[i], shortest[i], firstAfter[i], firstNanos[i]));
        }
        Completeness c = Explorer.completeness(own, bounds, stopped, stepBounded, schedules);
        if (c.exhaustive()) { // a cut run proves nothing anyway: its cuts say what it is
            c = c.with(Completeness.reductionCut(strategy, factory.footprintsDependOnValues()));
        }
        return new Exploration(factory.id(), strategy, bounds, stats(elapsedNanos), List.copyOf(tallies), exhausted, stopped, c);
    }
}
