package fputsim.explore.strategy;

import fputsim.explore.Footprint;
import fputsim.explore.Probe;
import fputsim.explore.Strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimal dynamic partial-order reduction: source sets with wakeup trees (Abdulla, Aronis,
 * Jonsson, Sagonas, POPL 2014 and J. ACM 2017, Algorithm 2), stateless. Every complete schedule
 * it runs lies in a Mazurkiewicz trace that no other of its schedules lies in, and it never starts
 * a schedule that its sleep sets would block. The soundness argument for this explorer's
 * commutative updates, data choices and blocked actors is in docs/explorer.md.
 *
 * <p>The search keeps one level per step of the current schedule. A level holds the step's
 * state-independent record (actor, data values, footprint, vector clock), the sleep set at the
 * state before it (steps whose every continuation is explored elsewhere), the steps already
 * explored there, and its wakeup tree: an ordered tree of step sequences still to run from that
 * state, the first of which is being run. After each complete schedule, every race {@code e < e'}
 * (dependent steps of different actors, e happening immediately before e') whose reversal the
 * sleep set there does not already cover adds the sequence {@code notdep(e).e'} to the wakeup tree
 * before e, unless a sequence already there is a weak prefix of it.
 *
 * <p>An event is an actor's next step together with the values of its data choices: steps of one
 * actor with different values are different events (always dependent, never reordered). A level
 * reached freshly (no wakeup sequence) branches over every value of each of its step's choices,
 * except values whose event sleeps.
 *
 * <p>A reversed race moves e' before e. When e writes or updates nothing that e' reads or writes,
 * e' is enabled there and does the same; otherwise the search probes: it runs a fresh program to
 * that state, and drops the race if e''s actor is not enabled there (e enabled it, so no schedule
 * runs e' first), else uses the probed step's footprint and choices.
 *
 * <p>Parallel and sharded search split the tree at a fixed depth: the levels above it branch over
 * every enabled actor that does not sleep (sleep sets only), and each subtree below one of those
 * prefixes is searched optimally on its own, starting from the prefix's sleep set.
 *
 * <p>Sleep sets only ({@link #parallelSleepSets}): the same split search with every level as the
 * levels above the split are, no race analysis and no wakeup trees. That is Godefroid's sleep-set
 * search ({@code dfs-sleep}) on every core: it does not rest on DPOR's assumption that no step's
 * footprint depends on a value it reads (docs/explorer.md, point 7), so its Never is a proof.
 */
public final class OptimalStrategy implements Strategy {
    /** Where to stop in enumeration mode; receives each prefix at the split depth. */
    public interface Sink {
        /** {@code complete}: the schedule ended before the split depth (the prefix is a whole schedule). */
        void prefix(int[] decisions, List<Event> sleep, boolean complete);
    }

    private static final int LOCKED = -2;
    private final int splitDepth;
    private final int[] prefix;
    private final List<Event> rootSleep;
    private final Sink sink;
    private final int workers;
    /** Sleep sets only: every awake enabled actor at every level, no race analysis (dfs-sleep). */
    private final boolean sleepOnly;
    /** The local-step rule (sleep sets only, below the split): docs/explorer.md, "Local steps". */
    private final boolean localSteps;
    private long localPrunes;
    private long localRestarts;
    private final int prefixSteps;
    private Probe probe;
    private final List<Level> stack = new ArrayList<>();
    private boolean started;
    private int depth;
    private Level cur;
    private int stable;
    private boolean abandoned;
    private boolean doomed;
    private long probes;
    private long probeSteps;
    private long probeHits;
    private long infeasible;
    private long blocked;
    private long races;
    private long inserted;
    private long enablings;
    private RaceListener raceListener;

    /** Told of every race whose reversal became a new wakeup sequence (a new trace to explore). */
    public interface RaceListener {
        /**
         * @param first   the earlier step's footprint
         * @param second  the later step's footprint (the one moved before it)
         * @param probed  whether the reversal was checked by a probe (the earlier step changed whether the later's actor was
         *                enabled, or an enabling was passed): the race may be through the enabling relation, not the footprints
         */
        void wakeup(Footprint first, Footprint second, boolean probed);
    }

    /** Diagnostics: {@code listener} hears of each new wakeup sequence (single-threaded search only). */
    public OptimalStrategy onWakeup(RaceListener listener) {
        this.raceListener = listener;
        return this;
    }

    /** The whole search, optimal throughout. */
    public OptimalStrategy() {
        this(0, null, List.of(), null, 1, false);
    }

    private OptimalStrategy(int splitDepth, int[] prefix, List<Event> rootSleep, Sink sink, int workers, boolean sleepOnly) {
        this(splitDepth, prefix, rootSleep, sink, workers, sleepOnly, sleepOnly);
    }

    private OptimalStrategy(int splitDepth, int[] prefix, List<Event> rootSleep, Sink sink, int workers, boolean sleepOnly,
                            boolean localSteps) {
        this.sleepOnly = sleepOnly;
        this.localSteps = sleepOnly && localSteps && sink == null;
        this.splitDepth = splitDepth;
        this.prefix = prefix;
        this.rootSleep = rootSleep;
        this.sink = sink;
        this.workers = workers;
        int n = 0;
        for (int i = 0; prefix != null && i < prefix.length; i += 2 + prefix[i + 1]) {
            n++;
        }
        this.prefixSteps = n;
    }

    /**
     * The search split into subtrees below a fixed depth and run by {@code workers} threads
     * (the {@link fputsim.explore.Explorer} hands it to {@link fputsim.explore.SplitSearch}).
     * Counts and verdicts do not depend on the number of workers or their timing.
     */
    public static OptimalStrategy parallel(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return new OptimalStrategy(0, null, List.of(), null, workers, false);
    }

    /**
     * Sleep sets only (dfs-sleep), split into subtrees run by {@code workers} threads, as
     * {@link #parallel} is: counts and verdicts do not depend on the number of workers or their
     * timing. With one worker it is the same split search on the caller's thread.
     */
    public static OptimalStrategy parallelSleepSets(int workers) {
        return parallelSleepSets(workers, true);
    }

    /** As {@link #parallelSleepSets(int)}, with the local-step rule on or off (off: sleep sets alone). */
    public static OptimalStrategy parallelSleepSets(int workers, boolean localSteps) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return new OptimalStrategy(Integer.MAX_VALUE, null, List.of(), null, workers, true, localSteps);
    }

    /** Whether the local-step rule is on (the sleep-set search, unless switched off). */
    public boolean localSteps() {
        return localSteps;
    }

    /** States pruned because a local step sleeps there (each also counts as blocked). */
    public long localPrunes() {
        return localPrunes;
    }

    /** Schedules abandoned to run a local step first higher up (each also counts as blocked). */
    public long localRestarts() {
        return localRestarts;
    }

    /** True for the sleep-set search ({@link #parallelSleepSets}, {@link #subtreeSleepSets}). */
    public boolean sleepOnly() {
        return sleepOnly;
    }

    /** True for the whole sleep-set search ({@link #parallelSleepSets}), which the explorer hands to the split search; false for one of its parts. */
    public boolean sleepSetsRoot() {
        return sleepOnly && prefix == null && sink == null;
    }

    /** Threads to search with (1: this strategy runs in the caller's thread). */
    public int workers() {
        return workers;
    }

    /** Enumerates the prefixes of {@code splitDepth} steps (sleep sets only above), handing each to {@code sink}. */
    public static OptimalStrategy enumerator(int splitDepth, Sink sink) {
        return new OptimalStrategy(splitDepth, null, List.of(), sink, 1, false);
    }

    /** Searches the subtree below one enumerated prefix, starting with its sleep set. */
    public static OptimalStrategy subtree(int[] prefixDecisions, List<Event> sleep) {
        List<Event> above = new ArrayList<>(sleep.size());
        for (Event e : sleep) {
            above.add(new Event(e.actor, e.values, e.bounds, e.footprint, e.branchFrom, true, e.toggled));
        }
        return new OptimalStrategy(-1, prefixDecisions.clone(), above, null, 1, false);
    }

    /** Searches the subtree below one enumerated prefix with sleep sets only, starting with its sleep set. */
    public static OptimalStrategy subtreeSleepSets(int[] prefixDecisions, List<Event> sleep) {
        return subtreeSleepSets(prefixDecisions, sleep, true);
    }

    /** As {@link #subtreeSleepSets(int[], List)}, with the local-step rule on or off. */
    public static OptimalStrategy subtreeSleepSets(int[] prefixDecisions, List<Event> sleep, boolean localSteps) {
        return new OptimalStrategy(Integer.MAX_VALUE, prefixDecisions.clone(), List.copyOf(sleep), null, 1, true, localSteps);
    }

    @Override
    public String name() {
        return sleepOnly ? "dfs-sleep" : "dfs-optimal";
    }

    @Override
    public void attach(Probe probe) {
        this.probe = probe;
    }

    @Override
    public boolean wantsFootprints() {
        return true;
    }

    /**
     * Sleep sets only: not for a replayed step (its level, below {@code stable}, kept its node,
     * values and footprint from when the step first ran). Optimal DPOR's race analysis needs every
     * step.
     */
    @Override
    public boolean wantsFootprintOfThisStep() {
        return !sleepOnly || sink != null || depth - 1 >= stable;
    }

    /** Probing runs made, and the steps they took (not counted in the exploration's steps). */
    public long probes() {
        return probes;
    }

    public long probeSteps() {
        return probeSteps;
    }

    /** Races looked at, and wakeup sequences added. */
    public long races() {
        return races;
    }

    public long inserted() {
        return inserted;
    }

    /** Enabling relations found by comparing enabled sets (a step enabled another actor's next step). */
    public long enablings() {
        return enablings;
    }

    /** Schedules abandoned because every enabled step slept (0 is the optimality claim), or a wakeup step was not enabled. */
    public long blocked() {
        return blocked;
    }

    public long infeasible() {
        return infeasible;
    }

    @Override
    public double explored() {
        double f = 0;
        for (int d = stack.size() - 1; d >= 0; d--) {
            Level l = stack.get(d);
            if (l.locked) {
                continue;
            }
            int total = l.done.size() + l.wut.size();
            f = total == 0 ? 0 : (l.done.size() + f) / total;
        }
        return f;
    }

    // ---- the schedule ----

    /** Exhaustive: no bound of its own (the explorer's bounds are reported by the explorer). */
    @Override
    public fputsim.explore.Completeness.Cut limit() {
        return null;
    }

    @Override
    public boolean beginSchedule() {
        if (started && !abandoned) {
            if (sink != null) {
                sink.prefix(decisions(stack.size()), List.of(), true);
            } else if (!sleepOnly) {
                analyse();
            }
        }
        depth = 0;
        cur = null;
        abandoned = false;
        doomed = false;
        if (!started) {
            started = true;
            stable = 0;
            return true;
        }
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Level l = stack.get(top);
            if (l.locked) {
                stack.clear();
                return false;
            }
            if (!l.abandonedNode && nextValue(l)) {
                stable = top;
                return true;
            }
            if (localSteps && !l.abandonedNode && l.local()) {
                stack.remove(top); // the local-step rule: this step alone covers the level
                continue;
            }
            if (!l.abandonedNode) {
                l.finish();
            }
            l.abandonedNode = false;
            l.wut.remove(0);
            if (l.next >= 0) {
                l.runNext();
            }
            if (!l.wut.isEmpty()) {
                l.start();
                stable = top;
                return true;
            }
            stack.remove(top);
        }
        return false;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        if (doomed) {
            abandoned = true;
            blocked++;
            return -1;
        }
        if (depth < stack.size()) {
            if (depth > 0) {
                stack.get(depth - 1).after = enabled.clone();
            }
            Level l = stack.get(depth++);
            l.cursor = 0;
            cur = l;
            if (!ExhaustiveStrategy.contains(enabled, l.node.event.actor)) {
                // a wakeup sequence whose step is not enabled: the program's footprints do not
                // declare what enables it (never happens when they do); drop the rest of the level
                abandoned = true;
                infeasible++;
                stack.subList(depth, stack.size()).clear();
                l.node.children.clear();
                return -1;
            }
            return l.node.event.actor;
        }
        Level parent = depth == 0 ? null : stack.get(depth - 1);
        if (parent != null) {
            parent.after = enabled.clone();
            if (localSteps && restartAtLocal(depth - 1)) {
                abandoned = true;
                blocked++;
                return -1;
            }
        }
        if (sink != null && depth == splitDepth) {
            sink.prefix(decisions(depth), inherit(parent), false);
            abandoned = true;
            return -1;
        }
        Level l;
        if (prefix != null && depth < prefixSteps()) {
            int a = prefixActor(depth);
            l = new Level(enabled, List.of(), listOf(new Node(Event.forced(a, prefixValues(depth)))));
            l.locked = true;
        } else {
            List<Event> sleep = prefix != null && depth == prefixSteps() ? rootSleep : inherit(parent);
            if (localSteps && localAsleep(sleep, enabled)) {
                abandoned = true;
                blocked++;
                localPrunes++;
                return -1;
            }
            List<Node> wut = parent != null && !parent.locked && !parent.node.children.isEmpty()
                    ? parent.node.children : null;
            if (wut == null) {
                wut = new ArrayList<>(2);
                for (int a : order(enabled, current)) {
                    if (!asleep(sleep, a)) {
                        wut.add(new Node(Event.free(a)));
                        if (depth >= splitDepth) {
                            break;
                        }
                    }
                }
                if (wut.isEmpty()) {
                    abandoned = true;
                    blocked++;
                    return -1;
                }
            } else if (!ExhaustiveStrategy.contains(enabled, wut.get(0).event.actor)) {
                abandoned = true;
                infeasible++;
                return -1;
            }
            l = new Level(enabled, sleep, wut);
        }
        stack.add(l);
        depth++;
        cur = l;
        return l.node.event.actor;
    }

    @Override
    public int pickValue(int bound) {
        Level l = cur;
        int k = l.cursor++;
        if (k < l.n) {
            if (l.bounds[k] == -1) {
                l.bounds[k] = bound; // a prefix step's value, given without its bound
            } else if (l.bounds[k] != bound) {
                throw new IllegalStateException("the program is not deterministic: choice " + k + " of " + l.node.event.actor
                        + " had bound " + l.bounds[k] + ", now " + bound);
            }
            return l.values[k];
        }
        Event ev = l.node.event;
        int v;
        int first;
        if (k < ev.branchFrom && k < ev.values.length && ev.bounds[k] == bound) {
            v = ev.values[k]; // the wakeup sequence's value first; the others follow (see nextValue)
            first = v;
        } else {
            first = -1;
            v = 0;
            while (v < bound && valueAsleep(l, k, v)) {
                v++;
            }
            if (v == bound) {
                doomed = true;
                v = bound - 1;
            }
        }
        l.push(v, bound, first);
        return v;
    }

    @Override
    public void afterStep(int actor, Footprint footprint, int actorsBefore, int actorsAfter) {
        Level l = cur;
        l.created = actorsAfter > actorsBefore ? actorsBefore : -1;
        l.createdTo = actorsAfter;
        afterStep(actor, footprint);
    }

    @Override
    public void afterStep(int actor, Footprint footprint) {
        Level l = cur;
        l.footprint = footprint;
        if (depth - 1 >= stable) {
            l.clock = null;
        }
    }

    /** Prefix decisions are encoded per step: actor, value count, values. */
    private int prefixSteps() {
        return prefixSteps;
    }

    private int prefixAt(int step) {
        int i = 0;
        for (int s = 0; s < step; s++) {
            i += 2 + prefix[i + 1];
        }
        return i;
    }

    private int prefixActor(int step) {
        return prefix[prefixAt(step)];
    }

    private int[] prefixValues(int step) {
        int i = prefixAt(step);
        return Arrays.copyOfRange(prefix, i + 2, i + 2 + prefix[i + 1]);
    }

    /**
     * The decisions of the first {@code steps} levels, in the split encoding (actor, value count,
     * values) that {@link #subtree} takes.
     */
    private int[] decisions(int steps) {
        int[] out = new int[16];
        int n = 0;
        for (int s = 0; s < steps; s++) {
            Level l = stack.get(s);
            if (n + 2 + l.n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + 2 + l.n));
            }
            out[n++] = l.node.event.actor;
            out[n++] = l.n;
            for (int k = 0; k < l.n; k++) {
                out[n++] = l.values[k];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The runner's decisions (actor ids and values) of the first {@code steps} levels, then the given steps. */
    private int[] runnerDecisions(int steps, List<Integer> then) {
        int[] out = new int[64];
        int n = 0;
        for (int s = 0; s < steps + then.size(); s++) {
            Level l = stack.get(s < steps ? s : then.get(s - steps));
            if (n + 1 + l.n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + 1 + l.n));
            }
            out[n++] = l.node.event.actor;
            for (int k = 0; k < l.n; k++) {
                out[n++] = l.values[k];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int[] order(int[] enabled, int current) {
        if (!ExhaustiveStrategy.contains(enabled, current)) {
            return enabled;
        }
        int[] out = new int[enabled.length];
        out[0] = current;
        int n = 1;
        for (int a : enabled) {
            if (a != current) {
                out[n++] = a;
            }
        }
        return out;
    }

    private static List<Node> listOf(Node n) {
        List<Node> l = new ArrayList<>(1);
        l.add(n);
        return l;
    }

    // ---- the local-step rule (sleep sets only) ----

    /**
     * The local-step rule's pruning: an enabled actor sleeps with a step that touched nothing.
     * That step reads nothing, so nothing can wake it or disable its actor, and every
     * continuation of this state leaves it enabled and asleep: none is complete.
     */
    static boolean localAsleep(List<Event> sleep, int[] enabled) {
        for (Event s : sleep) {
            if (s.values.length == 0 && s.footprint != null && s.footprint.touchesNothing()
                    && ExhaustiveStrategy.contains(enabled, s.actor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The local-step rule, looking back (as {@code ExhaustiveStrategy}'s): the step just run at
     * level {@code i} touched nothing, so its actor's step was this same step at every level above
     * where that actor was enabled and had not stepped since. At the highest such level that this
     * schedule runs for the first time (below the split's fixed prefix) it alone needs exploring:
     * the branch in progress there, whose subtree is so far only this schedule, is abandoned (not
     * put to sleep) and the local step runs next. No complete schedule is lost or run twice.
     */
    private boolean restartAtLocal(int i) {
        Level l = stack.get(i);
        if (i < stable || l.locked || !l.local()) {
            return false;
        }
        int b = l.node.event.actor;
        int top = -1;
        for (int k = i - 1; k >= 0; k--) {
            Level a = stack.get(k);
            if (a.locked || a.node.event.actor == b || !ExhaustiveStrategy.contains(a.enabled, b)) {
                break;
            }
            if (k >= stable) {
                top = k;
            } else if (a.waiting(b)) {
                // explored subtrees here: the node in progress goes on, then b alone
                a.wut.removeIf(n -> n != a.wut.get(0) && n.event.actor != b);
                localPrunes++;
            }
        }
        if (top < 0 || !stack.get(top).waiting(b)) {
            return false; // explored or abandoned there already, or asleep
        }
        Level at = stack.get(top);
        at.next = b;
        at.abandonedNode = true;
        stack.subList(top + 1, stack.size()).clear();
        localRestarts++;
        return true;
    }

    // ---- sleep sets ----

    /** The sleep set after the parent's step: its sleepers and explored siblings that are independent of that step. */
    private static List<Event> inherit(Level parent) {
        if (parent == null || parent.footprint == null) {
            return List.of();
        }
        List<Event> out = new ArrayList<>();
        int a = parent.node.event.actor;
        int[] toggled = parent.toggled();
        for (Event s : parent.sleep) {
            if (s.actor != a && s.footprint.independentOf(parent.footprint) && !toggles(toggled, s.actor)) {
                out.add(s);
            }
        }
        for (Event s : parent.done) {
            if (s.actor != a && s.values.length == 0 && s.footprint.independentOf(parent.footprint)
                    && !toggles(toggled, s.actor)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The actors whose enabledness a step changed (enabled before it and not after, or the other
     * way round), or null when not known (the schedule's last step: then it may have changed
     * any). A step that changes whether actor q is enabled is dependent with q's next step, whatever
     * the footprints say: the enabling relation of optimal DPOR's happens-before (see
     * docs/explorer.md), derived from the enabled sets the runner hands out, so no footprint of the
     * model has to declare it.
     */
    static int[] toggled(int[] before, int[] after, int self) {
        if (before == null || after == null) {
            return null;
        }
        int[] out = new int[0];
        for (int q : before) {
            if (q != self && !ExhaustiveStrategy.contains(after, q)) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = q;
            }
        }
        for (int q : after) {
            if (q != self && !ExhaustiveStrategy.contains(before, q)) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = q;
            }
        }
        return out;
    }

    /** Whether a step that changed the enabledness of {@code toggled} (null: unknown) may have changed q's. */
    static boolean toggles(int[] toggled, int q) {
        return toggled == null || ExhaustiveStrategy.contains(toggled, q);
    }

    /** Every event of the actor sleeps: its sleepers cover every value of its step's choices. */
    static boolean asleep(List<Event> sleep, int actor) {
        List<Event> mine = null;
        for (Event s : sleep) {
            if (s.actor == actor) {
                if (s.values.length == 0) {
                    return true;
                }
                if (mine == null) {
                    mine = new ArrayList<>();
                }
                mine.add(s);
            }
        }
        return mine != null && covered(mine, 0);
    }

    /** The sleepers (one actor's step, one state, so one choice tree) cover every path from choice k on. */
    private static boolean covered(List<Event> sleepers, int k) {
        for (Event s : sleepers) {
            if (s.values.length == k) {
                return true;
            }
        }
        int bound = sleepers.get(0).bounds[k];
        for (int v = 0; v < bound; v++) {
            List<Event> sub = new ArrayList<>();
            for (Event s : sleepers) {
                if (s.values[k] == v) {
                    sub.add(s);
                }
            }
            if (sub.isEmpty() || !covered(sub, k + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Value v of choice k (after the level's values 0..k-1) leads only to sleeping events. */
    private static boolean valueAsleep(Level l, int k, int v) {
        List<Event> match = null;
        int actor = l.node.event.actor;
        List<Event> pending = new ArrayList<>();
        for (int x = 1; x < l.wut.size(); x++) {
            Event e = l.wut.get(x).event;
            if (e.actor == actor && !e.opaque() && e.branchFrom == e.values.length) {
                pending.add(e); // a wakeup sequence that starts with this event runs it (and what follows) later
            }
        }
        for (List<Event> list : List.of(l.sleep, l.done, pending)) {
            for (Event s : list) {
                if (s.actor != actor || s.values.length <= k || s.values[k] != v) {
                    continue;
                }
                boolean same = true;
                for (int m = 0; m < k && same; m++) {
                    same = s.values[m] == l.values[m];
                }
                if (same) {
                    if (match == null) {
                        match = new ArrayList<>();
                    }
                    match.add(s);
                }
            }
        }
        return match != null && covered(match, k + 1);
    }

    /** The next value of the deepest free choice of the top level whose event does not sleep. */
    private boolean nextValue(Level l) {
        for (int k = l.n - 1; k >= 0; k--) {
            if (l.first[k] == LOCKED) {
                continue;
            }
            int first = l.first[k];
            int bound = l.bounds[k];
            // the order of values: the wakeup sequence's first (if any), then the rest ascending
            int pos = first < 0 ? l.values[k] : l.values[k] == first ? 0 : l.values[k] + (l.values[k] < first ? 1 : 0);
            for (int q = pos + 1; q < bound; q++) {
                int v = first < 0 ? q : q <= first ? q - 1 : q;
                if (!valueAsleep(l, k, v)) {
                    l.finish();
                    l.n = k;
                    l.push(v, bound, first);
                    l.node.children = new ArrayList<>(2);
                    l.footprint = null;
                    l.clock = null;
                    l.after = null;
                    return true;
                }
            }
        }
        return false;
    }

    // ---- race analysis and wakeup trees ----

    private void analyse() {
        int n = stack.size();
        int width = 1;
        for (Level l : stack) {
            width = Math.max(width, l.node.event.actor + 1);
            if (l.clock != null) {
                width = Math.max(width, l.clock.length);
            }
        }
        int[] lastOf = new int[width];
        Arrays.fill(lastOf, -1);
        int lowest = Math.max(splitDepth, prefix != null ? prefixSteps() : 0);
        for (int j = 0; j < n; j++) {
            Level lj = stack.get(j);
            int p = lj.node.event.actor;
            if (j < stable && lj.clock != null) {
                if (lj.clock.length < width) {
                    lj.clock = Arrays.copyOf(lj.clock, width);
                }
                lastOf[p] = j;
                continue;
            }
            int prev = lastOf[p];
            int[] c = prev >= 0 ? stack.get(prev).clock.clone() : new int[width];
            if (prev < 0) {
                for (int i = j - 1; i >= 0; i--) { // an actor's first step happens after the step that created it
                    Level li = stack.get(i);
                    if (li.created >= 0 && li.created <= p && p < li.createdTo) {
                        join(c, li.clock);
                        break;
                    }
                }
            }
            int[] cr = c.clone();
            boolean pastEnabler = false;
            for (int i = j - 1; i >= 0; i--) {
                Level li = stack.get(i);
                int ai = li.node.event.actor;
                if (cr[ai] >= li.clock[ai]) {
                    // i happens before what cr holds already, so li.clock <= cr <= c (clocks are
                    // joins of their predecessors'; cr joins a subset of what c joins): joining
                    // changes nothing and it is no race
                    continue;
                }
                if (ai == p) {
                    continue;
                }
                // i changed whether p is enabled (after p's previous step): i and p's next step are
                // dependent whatever their footprints (the enabling relation)
                boolean toggles = i > prev && ExhaustiveStrategy.contains(li.enabled, p) != ExhaustiveStrategy.contains(stack.get(i + 1).enabled, p);
                if (!toggles && li.footprint.independentOf(lj.footprint)) {
                    continue;
                }
                join(c, li.clock);
                // i happens immediately before j (no other path among the races looked at): a race
                if (li.clock[ai] > cr[ai] && i >= lowest) {
                    // a race whose reversal a probe checks when i changed p's enabledness here or
                    // an enabling was passed: p may not be enabled where the reversal runs it
                    if (!reverse(i, j, toggles || pastEnabler)) { // j is not enabled without i
                        // i enabled j: no race, j's order after i is forced. Races with i's past are
                        // still looked for (p may have been enabled before it: a lock taken by i's
                        // past, released by i), but p is not enabled there unless a probe says so:
                        // every reversal from here on is probed (else notdep(e).e' may name a step
                        // that is not enabled, a wasted schedule)
                        enablings++;
                        pastEnabler = true;
                        continue;
                    }
                }
                join(cr, li.clock);
            }
            c[p] = (prev >= 0 ? stack.get(prev).clock[p] : 0) + 1;
            lj.clock = c;
            lastOf[p] = j;
        }
    }

    /** Adds the reversal of race (i, j) to the wakeup tree before i; false when j's actor is not enabled there without i. */
    private boolean reverse(int i, int j, boolean toggles) {
        races++;
        Level li = stack.get(i);
        Level lj = stack.get(j);
        int ai = li.node.event.actor;
        int ci = li.clock[ai];
        List<Integer> notdep = new ArrayList<>();
        List<Event> v = new ArrayList<>();
        for (int k = i + 1; k < j; k++) {
            Level lk = stack.get(k);
            if (lk.clock[ai] < ci) {
                notdep.add(k);
                v.add(lk.event());
            }
        }
        Event last;
        if (!toggles && !li.footprint.mayAffect(lj.footprint)) {
            last = lj.event();
        } else {
            last = probed(i, notdep, lj);
            if (last == null) {
                return false; // e' is not enabled without e: the race cannot be reversed
            }
        }
        v.add(last);
        Event e = li.event();
        if (covers(li.sleep, li.done, v, e)) {
            return true;
        }
        if (insert(li.wut, v, e)) {
            inserted++;
            if (raceListener != null) {
                raceListener.wakeup(li.footprint, lj.footprint, toggles);
            }
        }
        return true;
    }

    private Event probed(int i, List<Integer> notdep, Level lj) {
        Level li = stack.get(i);
        int p = lj.node.event.actor;
        int[] asked = Arrays.copyOf(lj.values, lj.n);
        int[] askedBounds = Arrays.copyOf(lj.bounds, lj.n);
        int[] decisions = runnerDecisions(i, notdep);
        // the state before i is the same for every run while i keeps its step, so the moved
        // steps' decisions (not their levels, which differ between runs) name the probed state
        int before = 0;
        for (int s = 0; s < i; s++) {
            before += 1 + stack.get(s).n;
        }
        int[] moved = Arrays.copyOfRange(decisions, before, decisions.length);
        ProbeKey pk = new ProbeKey(moved, p, asked, askedBounds);
        if (li.probed == null) {
            li.probed = new HashMap<>();
        } else if (li.probed.containsKey(pk)) {
            probeHits++;
            return li.probed.get(pk);
        }
        if (probe == null) {
            throw new IllegalStateException("optimal search needs a probe (the Explorer attaches one)");
        }
        probes++;
        Probe.Stepped s = probe.step(decisions, p, asked, askedBounds);
        Event e = null;
        if (s != null) {
            probeSteps += s.prefixSteps() + 1;
            int forced = s.values().length;
            for (int k = 0; k < s.values().length; k++) {
                if (k >= asked.length || s.bounds()[k] != askedBounds[k]) {
                    forced = k;
                    break;
                }
            }
            e = new Event(p, s.values(), s.bounds(), s.footprint(), forced);
        }
        li.probed.put(pk, e);
        return e;
    }

    private record ProbeKey(int[] steps, int actor, int[] values, int[] bounds) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ProbeKey k && actor == k.actor && Arrays.equals(steps, k.steps)
                    && Arrays.equals(values, k.values) && Arrays.equals(bounds, k.bounds);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(steps) + actor) + Arrays.hashCode(values);
        }
    }

    /**
     * Whether the sleepers make v redundant (J. ACM's {@code sleep ∩ WI(v) ≠ ∅}, with data): a
     * sleeping event is v's first event of its actor and depends on nothing before it in v; or an
     * actor that does not occur in v has every event of its next step asleep, each independent of
     * all of v (one sleeping event suffices for a step without choices; with choices, a sleeping
     * value does not cover the continuations of v in which the actor takes another).
     */
    static boolean covers(List<Event> sleep, List<Event> done, List<Event> v, Event raced) {
        List<Event> outside = null;
        for (List<Event> list : List.of(sleep, done)) {
            for (Event s : list) {
                if (s.opaque()) {
                    continue;
                }
                int idx = indexOfActor(v, s.actor);
                if (idx >= 0) {
                    // s is an initial of v, so of every extension of v: explored under s
                    if (initialAt(v, idx) && s.sameEvent(v.get(idx))) {
                        return true;
                    }
                    continue;
                }
                if (!s.fromAbove && independentOfAll(s, v) && independent(s, raced)) {
                    if (s.values.length == 0) {
                        return true;
                    }
                    if (outside == null) {
                        outside = new ArrayList<>();
                    }
                    outside.add(s);
                }
            }
        }
        if (outside != null) {
            for (Event s : outside) {
                List<Event> mine = new ArrayList<>();
                for (Event t : outside) {
                    if (t.actor == s.actor) {
                        mine.add(t);
                    }
                }
                if (covered(mine, 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean independentOfAll(Event s, List<Event> v) {
        for (Event e : v) {
            if (e.opaque() || !s.footprint.independentOf(e.footprint)) {
                return false;
            }
        }
        return true;
    }

    /**
     * s may run before the race's first step {@code raced} without changing what that step does:
     * it writes nothing the step reads (and the step writes nothing it reads). A step's footprint
     * may depend on what it reads (a write only when a count reached zero), so a sleeper or a
     * wakeup-tree child that {@code raced} depends on cannot stand for the reversal: run first, it
     * can change {@code raced} so that the race is gone (docs/explorer.md, point 7).
     */
    private static boolean independent(Event s, Event raced) {
        return raced == null || (!s.opaque() && !raced.opaque() && s.footprint.independentOf(raced.footprint));
    }

    private static int indexOfActor(List<Event> v, int actor) {
        for (int m = 0; m < v.size(); m++) {
            if (v.get(m).actor == actor) {
                return m;
            }
        }
        return -1;
    }

    /** v's event at idx (its actor's first) happens before nothing... depends on no earlier event of v. */
    private static boolean initialAt(List<Event> v, int idx) {
        Event f = v.get(idx);
        if (f.opaque()) {
            return false;
        }
        for (int m = 0; m < idx; m++) {
            Event e = v.get(m);
            if (e.opaque() || !e.footprint.independentOf(f.footprint)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inserts v into the wakeup tree whose root's children are {@code kids}: follows, at each
     * level, the first child that is a weak initial of what is left of v (removing it from v when
     * it occurs there; the root's first child, being run, never is); stops when it reaches a leaf (v is covered), else adds the rest of v as
     * the last child where no child fits. Returns whether anything was added.
     */
    static boolean insert(List<Node> kids, List<Event> v, Event raced) {
        List<Event> rest = new ArrayList<>(v);
        boolean atRoot = true;
        outer:
        while (true) {
            if (!atRoot && kids.isEmpty()) {
                return false;
            }
            if (rest.isEmpty()) {
                return false;
            }
            for (int x = atRoot ? 1 : 0; x < kids.size(); x++) { // the root's first child is being run: never a weak initial
                Node c = kids.get(x);
                Event e = c.event;
                if (e.opaque()) {
                    continue;
                }
                int idx = indexOfActor(rest, e.actor);
                if (idx >= 0) {
                    if (initialAt(rest, idx) && e.sameEvent(rest.get(idx))) {
                        rest.remove(idx);
                        kids = c.children;
                        atRoot = false;
                        continue outer;
                    }
                    continue;
                }
                // a weak initial by independence; not for a step with choices: rest followed by
                // another value of that step would not be covered
                if (e.values.length == 0 && independentOfAll(e, rest) && independent(e, raced)) {
                    kids = c.children;
                    atRoot = false;
                    continue outer;
                }
            }
            List<Node> into = kids;
            for (Event e : rest) {
                Node node = new Node(e);
                into.add(node);
                into = node.children;
            }
            return true;
        }
    }

    private static void join(int[] into, int[] from) {
        for (int k = 0; k < into.length && k < from.length; k++) {
            if (from[k] > into[k]) {
                into[k] = from[k];
            }
        }
    }

    // ---- data ----

    /**
     * One event: an actor's step with the values of its data choices (and their bounds), and what
     * it touched. {@code branchFrom}: how many of the values a wakeup sequence prescribes; choices
     * from there on branch over every value when the event runs (a probed step whose choices
     * differed from the race's: its values from there are the probe's, 0). An event not yet run
     * (a fresh choice of actor) has no footprint (opaque) and is never matched.
     */
    public static final class Event {
        final int actor;
        final int[] values;
        final int[] bounds;
        final Footprint footprint;
        final int branchFrom;
        /**
         * Sleeps because of a step explored above a split (where only sleep sets reduce): it
         * keeps fresh choices off, and makes a reversal redundant only as an initial of it, not
         * by independence (no wakeup sequence above put the other steps of that reversal in
         * order, so a continuation of it may need this step after a step it depends on).
         */
        final boolean fromAbove;
        /** The actors whose enabledness this step changed where it ran (null: not known, any). */
        final int[] toggled;

        Event(int actor, int[] values, int[] bounds, Footprint footprint, int branchFrom) {
            this(actor, values, bounds, footprint, branchFrom, false, null);
        }

        Event(int actor, int[] values, int[] bounds, Footprint footprint, int branchFrom, boolean fromAbove) {
            this(actor, values, bounds, footprint, branchFrom, fromAbove, null);
        }

        Event(int actor, int[] values, int[] bounds, Footprint footprint, int branchFrom, boolean fromAbove, int[] toggled) {
            this.actor = actor;
            this.values = values;
            this.bounds = bounds;
            this.footprint = footprint;
            this.branchFrom = branchFrom;
            this.fromAbove = fromAbove;
            this.toggled = toggled;
        }

        boolean toggles(int q) {
            return OptimalStrategy.toggles(toggled, q);
        }

        static Event free(int actor) {
            return new Event(actor, new int[0], new int[0], null, 0);
        }

        static Event forced(int actor, int[] values) {
            int[] bounds = new int[values.length];
            Arrays.fill(bounds, -1);
            return new Event(actor, values, bounds, null, -1);
        }

        boolean opaque() {
            return footprint == null;
        }

        boolean sameEvent(Event o) {
            return actor == o.actor && Arrays.equals(values, o.values) && Arrays.equals(bounds, o.bounds);
        }

        public int actor() {
            return actor;
        }

        @Override
        public String toString() {
            return actor + (values.length == 0 ? "" : Arrays.toString(values));
        }
    }

    /** A node of a wakeup tree: an event, and the sequences that continue after it. */
    static final class Node {
        final Event event;
        List<Node> children = new ArrayList<>(2);

        Node(Event event) {
            this.event = event;
        }

        @Override
        public String toString() {
            return event + (children.isEmpty() ? "" : children.toString());
        }
    }

    /** One step of the current schedule and the search state before it. */
    static final class Level {
        final int[] enabled;
        final List<Event> sleep;
        final List<Event> done = new ArrayList<>(2);
        /** The wakeup tree's first level: the node being run first, then the ones still to run. */
        final List<Node> wut;
        Node node;
        boolean locked;
        int[] values = new int[2];
        int[] bounds = new int[2];
        /** Per choice: the value a wakeup sequence runs first, -1 (ascending from 0), or LOCKED (a prefix step's). */
        int[] first = new int[2];
        int n;
        int cursor;
        Footprint footprint;
        /** Actors created by this step: ids created..createdTo-1 (created is -1 when none). */
        int created = -1;
        int createdTo;
        int[] clock;
        /** The enabled actors after this step (null until the next step is picked). */
        int[] after;
        Map<ProbeKey, Event> probed;
        /** The local-step rule's next actor here (-1: none), and whether the node in progress was abandoned for it. */
        int next = -1;
        boolean abandonedNode;

        Level(int[] enabled, List<Event> sleep, List<Node> wut) {
            this.enabled = enabled.clone();
            this.sleep = sleep;
            this.wut = wut;
            start();
        }

        void start() {
            node = wut.get(0);
            n = 0;
            footprint = null;
            clock = null;
            after = null;
            probed = null;
            if (node.event.branchFrom < 0) { // a prefix step: its values, whatever the bounds
                for (int v : node.event.values) {
                    push(v, -1, LOCKED);
                }
            }
        }

        void push(int v, int bound, int firstValue) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                bounds = Arrays.copyOf(bounds, n * 2);
                first = Arrays.copyOf(first, n * 2);
            }
            values[n] = v;
            bounds[n] = bound;
            first[n++] = firstValue;
        }

        /**
         * The step is explored: it sleeps in the later siblings' subtrees, and no reversal that
         * starts with it is added here again. A step with data choices sleeps only here (it is not
         * inherited): its other values are other events, which a later step may wake, and a
         * sleeping value would hide them (see docs/explorer.md).
         */
        void finish() {
            if (footprint != null) {
                done.add(event());
            }
        }

        Event event() {
            return new Event(node.event.actor, Arrays.copyOf(values, n), Arrays.copyOf(bounds, n), footprint, n, false, toggled());
        }

        int[] toggled() {
            return OptimalStrategy.toggled(enabled, after, node.event.actor);
        }

        /**
         * The step run here touched nothing, took no data choice, created no actor and changed no
         * other actor's enabledness: it commutes with every step of every continuation and occurs in
         * each complete one, so its subtree covers the level's.
         */
        boolean local() {
            return ExhaustiveStrategy.local(footprint, n > 0, created >= 0, enabled, after, node.event.actor);
        }

        /** Leaves the local-step rule's actor the one thing left to run here (the wakeup tree of a sleep-set level is flat). */
        void runNext() {
            int b = next;
            next = -1;
            wut.removeIf(n -> n.event.actor != b);
        }

        /** Actor b's step is still to be run here (in the wakeup tree, after the node in progress). */
        boolean waiting(int b) {
            for (int k = 1; k < wut.size(); k++) {
                if (wut.get(k).event.actor == b) {
                    return true;
                }
            }
            return false;
        }
    }
}
