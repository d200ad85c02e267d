package fputsim.explore.strategy;

import fputsim.explore.Actor;
import fputsim.explore.Ending;
import fputsim.explore.Footprint;
import fputsim.explore.Moment;
import fputsim.explore.Program;
import fputsim.explore.Property;
import fputsim.explore.StateHash;
import fputsim.explore.Strategy;
import fputsim.explore.Symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Stateful depth-first search with sleep sets and a table of visited states (Godefroid's
 * "sleep sets with state matching", LNCS 1032, 1996), on canonical fingerprints of the
 * tracked state ({@link StateHash}), symmetry-aware when the program declares a {@link Symmetry}.
 * Stateless underneath: every path re-runs a fresh program and replays its prefix; only the
 * fingerprints, sleep sets and summaries of states are kept.
 *
 * <p>A state is stored with the sleep set it was explored with (as canonical actor ids). Reached
 * again with sleep set Z: when the stored set is a subset of Z, every step this visit would take
 * was taken before, and the path stops there; otherwise the steps in (stored \ Z) are explored now
 * and the stored set becomes stored ∩ Z. Each state also keeps a summary: per property, whether
 * an explored continuation from it ends without violating it; the root's summary decides
 * Sometimes against Always. A hit on a state still on the search path (a cycle) makes summaries
 * inexact: such a run says so instead of Always. The argument is in docs/explorer.md.
 *
 * <p>The program takes no data choices in this search (refused: a choice would make a state's
 * next steps depend on values, which the sleep sets here do not track).
 */
public final class StatefulStrategy implements Strategy {
    /**
     * @param symmetry  use the program's declared symmetry for canonical fingerprints
     * @param hashBits  128 (two 64-bit words stored per state) or 64 (hash compaction to one word)
     * @param maxStates states stored at most
     * @param stopWhenFull what happens when the table holds {@code maxStates} and a new state is
     *                  reached: true, the search stops there, cut ({@link fputsim.explore.Completeness.Kind#MAX_STATES},
     *                  the CLI's memory bound); false, new states are explored without being stored
     *                  (still complete, but stateless from there on: time is then unbounded)
     */
    public record Options(boolean symmetry, int hashBits, long maxStates, boolean stopWhenFull) {
        public Options(boolean symmetry, int hashBits, long maxStates) {
            this(symmetry, hashBits, maxStates, false);
        }

        public Options {
            if (hashBits != 64 && hashBits != 128) {
                throw new IllegalArgumentException("state hash must be 64 or 128 bits, got " + hashBits);
            }
            if (maxStates < 1) {
                throw new IllegalArgumentException("max states must be at least 1, got " + maxStates);
            }
        }

        public static Options defaults() {
            return new Options(true, 128, 50_000_000L);
        }

        public String describe() {
            return "state-cache=on symmetry=" + (symmetry ? "on" : "off") + " state-hash=" + hashBits + " max-states=" + maxStates
                    + (stopWhenFull ? "" : " (then unstored)");
        }
    }

    private record Sleeper(int actor, Footprint footprint) {
    }

    private static final class Level {
        int slot = -1;
        int[] canon; // actual actor id -> canonical id (null: identity)
        List<Sleeper> sleep;
        int[] cand = new int[0];
        int next;
        final List<Sleeper> done = new ArrayList<>(2);
        Footprint fp;
        long edge;
        long avoid;
        boolean terminal;
        long terminalAvoid;
        boolean owns;
    }

    private final Options options;
    private List<? extends Property<?>> properties = List.of();
    private StateTable table;
    private final List<Level> stack = new ArrayList<>();
    private boolean started;
    private int cur = -1;
    private boolean inexact;
    private boolean tableFull;
    private long hits;
    private long revisits;
    private long stepBounded;
    private long rootAvoid;
    private long[] violatingStates = new long[0];
    private long uncached;

    public StatefulStrategy(Options options) {
        this.options = options;
    }

    /** The properties whose verdicts the search decides (the search engine binds them before the first schedule). */
    public void bind(List<? extends Property<?>> props) {
        if (props.size() > 63) {
            throw new IllegalArgumentException("the stateful search decides at most 63 properties, got " + props.size());
        }
        this.properties = props;
        this.violatingStates = new long[props.size()];
        this.table = new StateTable(options.hashBits(), options.maxStates());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "dfs-stateful";
    }

    @Override
    public fputsim.explore.Completeness.Cut limit() {
        return null; // exhaustive: every reachable state (up to the step bound, which the explorer reports)
    }

    @Override
    public boolean wantsStates() {
        return true;
    }

    @Override
    public boolean wantsFootprints() {
        return true;
    }

    // ---- results

    /** States stored. */
    public long states() {
        return table.size();
    }

    /** Paths that stopped at a state visited before. */
    public long hits() {
        return hits;
    }

    /** Visits of a stored state with a sleep set that made it explore more. */
    public long revisits() {
        return revisits;
    }

    /** New states explored without being stored (the table was full). */
    public long uncached() {
        return uncached;
    }

    public boolean tableFull() {
        return tableFull;
    }

    /** A hit on a state still on the search path: a cycle; summaries (Always) are not exact. */
    public boolean inexact() {
        return inexact;
    }

    public long stepBounded() {
        return stepBounded;
    }

    public long violatingStates(int property) {
        return violatingStates[property];
    }

    /**
     * Whether an explored complete schedule avoids property {@code p}: the root's summary once the
     * search ends; before that (a search cut by a bound), also what the levels still on the search
     * path know, each taken only when the path down to it violated nothing of {@code p}.
     */
    public boolean avoidable(int property) {
        long any = rootAvoid;
        long violatedOnPath = 0;
        for (Level l : stack) {
            violatedOnPath |= l.edge;
            any |= (l.avoid | (l.terminal ? l.terminalAvoid : 0)) & ~violatedOnPath;
        }
        return (any >>> property & 1) != 0;
    }

    public long tableBytes() {
        return table.bytes();
    }

    /** The caveat of a finished search's completeness: the fingerprints, and what a collision would cost. */
    public String caveat() {
        return String.format(java.util.Locale.ROOT, "stateful with %d-bit fingerprints%s: probability of a missed state <= %.2g",
                options.hashBits(), options.hashBits() == 64 ? " (hash compaction)" : "", omissionBound());
    }

    /**
     * The probability that some state was wrongly taken as visited (two different states with one
     * fingerprint), bounded by n(n-1)/2^(b+1) for n states stored and b-bit fingerprints, if the
     * fingerprint behaves as a random function.
     */
    public double omissionBound() {
        double n = table.size();
        return n * (n - 1) / Math.pow(2, options.hashBits() + 1);
    }

    // ---- the search

    @Override
    public boolean beginSchedule() {
        if (!started) {
            started = true;
            return true;
        }
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Level l = stack.get(top);
            if (!l.terminal && l.fp != null && l.next + 1 < l.cand.length) {
                l.done.add(new Sleeper(l.cand[l.next], l.fp));
                l.next++;
                l.fp = null;
                return true;
            }
            long summary = l.terminal ? l.terminalAvoid : l.avoid;
            if (l.owns) {
                table.finish(l.slot, summary);
            }
            stack.remove(top);
            if (top == 0) {
                rootAvoid = summary;
            } else {
                Level p = stack.get(top - 1);
                p.avoid |= summary & ~l.edge;
            }
        }
        return false;
    }

    @Override
    public void state(Program program, int[] enabled, int n, int i) {
        if (i == 0 && options.symmetry()) {
            program.symmetry(); // asked first in the initial state, where a program may declare it (Program#symmetry)
        }
        if (i < stack.size()) {
            return; // replayed prefix
        }
        if (table == null) {
            throw new IllegalStateException("the stateful search needs its properties bound (StatefulSearch does it)");
        }
        Level parent = i == 0 ? null : stack.get(i - 1);
        Level l = new Level();
        stack.add(l);
        if (parent != null) {
            l.edge = failing(program, Moment.AFTER_STEP);
        }
        l.sleep = inherit(parent);
        List<? extends Actor> actors = program.actors();
        if (actors.size() > StateTable.MAX_ACTORS) {
            throw new IllegalStateException("the stateful search handles at most " + StateTable.MAX_ACTORS + " actors, got " + actors.size());
        }
        long[] fp;
        Symmetry sym = options.symmetry() ? program.symmetry() : Symmetry.NONE;
        if (sym.none()) {
            fp = StateHash.of(program);
        } else {
            Symmetry.Relabel r = sym.relabel(sym.canonical(program));
            fp = StateHash.of(program, r);
            l.canon = new int[actors.size()];
            for (int a = 0; a < actors.size(); a++) {
                Object img = r.image(actors.get(a));
                int c = a;
                if (img != actors.get(a)) {
                    for (int b = 0; b < actors.size(); b++) {
                        if (actors.get(b) == img) {
                            c = b;
                            break;
                        }
                    }
                }
                l.canon[a] = c;
            }
        }
        long z0 = 0;
        long z1 = 0;
        for (Sleeper s : l.sleep) {
            int c = canon(l, s.actor);
            if (c < 64) {
                z0 |= 1L << c;
            } else {
                z1 |= 1L << (c - 64);
            }
        }
        int slot = table.find(fp);
        if (slot < 0) {
            int ins = table.insert(fp, z0, z1);
            if (ins < 0) {
                tableFull = true;
                uncached++;
            } else {
                l.slot = ins;
                l.owns = true;
            }
            l.cand = awake(enabled, n, l.sleep, -1, -1, null);
        } else {
            if (table.open(slot)) {
                inexact = true;
            }
            long s0 = table.sleep0(slot);
            long s1 = table.sleep1(slot);
            if ((s0 & ~z0) == 0 && (s1 & ~z1) == 0) {
                hits++;
                l.terminal = true;
                if (!table.finished(slot)) {
                    inexact = true;
                }
                l.terminalAvoid = table.finished(slot) ? table.avoid(slot) : 0;
            } else {
                revisits++;
                table.reopen(slot, s0 & z0, s1 & z1);
                l.slot = slot;
                l.owns = true;
                l.cand = awake(enabled, n, l.sleep, s0 & ~z0, s1 & ~z1, l);
            }
            slot = -1;
        }
        int at = l.slot;
        if (at >= 0 && l.edge != 0) {
            long fresh = l.edge & ~table.violated(at);
            table.violate(at, l.edge);
            count(fresh);
        } else if (at < 0 && l.edge != 0 && !l.terminal) {
            count(l.edge); // not stored: counted at each visit
        }
        if (n > 0 && !l.terminal && l.cand.length == 0) {
            l.terminal = true; // every enabled step sleeps: its continuations are explored elsewhere
            l.terminalAvoid = 0;
        }
    }

    private void count(long mask) {
        for (int p = 0; p < violatingStates.length; p++) {
            if ((mask >>> p & 1) != 0) {
                violatingStates[p]++;
            }
        }
    }

    private static int canon(Level l, int actor) {
        return l.canon == null ? actor : l.canon[actor];
    }

    /** Enabled actors not asleep; with a mask (canonical ids), only those in it. */
    private static int[] awake(int[] enabled, int n, List<Sleeper> sleep, long m0, long m1, Level l) {
        int[] out = new int[n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            int a = enabled[j];
            boolean asleep = false;
            for (Sleeper s : sleep) {
                if (s.actor == a) {
                    asleep = true;
                    break;
                }
            }
            if (asleep) {
                continue;
            }
            if (l != null) {
                int c = canon(l, a);
                boolean in = c < 64 ? (m0 >>> c & 1) != 0 : (m1 >>> (c - 64) & 1) != 0;
                if (!in) {
                    continue;
                }
            }
            out[k++] = a;
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** The sleep set after the parent's step: its sleepers and explored siblings independent of that step. */
    private static List<Sleeper> inherit(Level parent) {
        if (parent == null) {
            return List.of();
        }
        List<Sleeper> out = new ArrayList<>();
        int a = parent.cand[parent.next];
        for (List<Sleeper> list : List.of(parent.sleep, parent.done)) {
            for (Sleeper s : list) {
                if (s.actor != a && s.footprint.independentOf(parent.fp)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private long failing(Program program, Moment moment) {
        long mask = 0;
        for (int p = 0; p < properties.size(); p++) {
            if (!((Property) properties.get(p)).holds(program, moment)) {
                mask |= 1L << p;
            }
        }
        return mask;
    }

    @Override
    public void end(Program program, Ending ending) {
        Level l = stack.get(stack.size() - 1);
        if (l.terminal) {
            return; // a visited end state: its summary is stored
        }
        if (ending == Ending.STEP_BOUND) {
            stepBounded++;
        }
        long fail = failing(program, switch (ending) {
            case QUIESCENT -> Moment.QUIESCENT;
            case DEADLOCK -> Moment.DEADLOCK;
            default -> Moment.STEP_BOUND;
        });
        l.terminal = true;
        l.terminalAvoid = ~fail;
        if (l.slot >= 0) {
            long fresh = fail & ~table.violated(l.slot) & ~l.edge;
            table.violate(l.slot, fail);
            count(fresh);
        } else if (fail != 0) {
            count(fail & ~l.edge);
        }
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        Level l = stack.get(stepIndex);
        cur = stepIndex;
        if (l.terminal || l.next >= l.cand.length) {
            return -1;
        }
        return l.cand[l.next];
    }

    @Override
    public int pickValue(int bound) {
        throw new IllegalStateException("the stateful search takes no data choices (a step asked for one of " + bound + " values)");
    }

    @Override
    public void afterStep(int actor, Footprint footprint) {
        if (cur >= 0 && cur < stack.size()) {
            stack.get(cur).fp = footprint;
        }
    }

    /**
     * The visited states: entries in insertion order (an entry's number never changes), found
     * through an open-addressing index of their fingerprints. Per entry: the fingerprint (one or
     * two words), the sleep set (two words of canonical actor ids), the summary, the violated
     * properties, whether it is finished and how many search levels have it open.
     */
    static final class StateTable {
        static final int MAX_ACTORS = 128;
        private final int bits;
        private final long max;
        private int[] index = new int[1 << 12];
        private long[] hi;
        private long[] lo = new long[1 << 11];
        private long[] z0 = new long[1 << 11];
        private long[] z1 = new long[1 << 11];
        private long[] avoid = new long[1 << 11];
        private long[] violated = new long[1 << 11];
        private boolean[] finished = new boolean[1 << 11];
        private int[] open = new int[1 << 11];
        private int size;

        StateTable(int bits, long max) {
            this.bits = bits;
            this.max = Math.min(max, (1L << 30) - 1);
            hi = bits == 128 ? new long[1 << 11] : null;
        }

        long size() {
            return size;
        }

        /** Bytes held: the index and every entry array, at their allocated sizes. */
        long bytes() {
            long perEntry = 8L * (bits == 128 ? 6 : 5) + 1 + 4;
            return 4L * index.length + perEntry * lo.length;
        }

        private static int home(long l, int cap) {
            long h = l * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 33) & (cap - 1);
        }

        int find(long[] fp) {
            int mask = index.length - 1;
            for (int i = home(fp[1], index.length); ; i = (i + 1) & mask) {
                int e = index[i] - 1;
                if (e < 0) {
                    return -1;
                }
                if (lo[e] == fp[1] && (hi == null || hi[e] == fp[0])) {
                    return e;
                }
            }
        }

        /** Stores a new state (open, not finished); -1 when the table holds its maximum. */
        int insert(long[] fp, long s0, long s1) {
            if (size >= max) {
                return -1;
            }
            if ((size + 1) * 2L > index.length) {
                rehash(index.length * 2);
            }
            if (size == lo.length) {
                int cap = lo.length * 2;
                lo = java.util.Arrays.copyOf(lo, cap);
                if (hi != null) {
                    hi = java.util.Arrays.copyOf(hi, cap);
                }
                z0 = java.util.Arrays.copyOf(z0, cap);
                z1 = java.util.Arrays.copyOf(z1, cap);
                avoid = java.util.Arrays.copyOf(avoid, cap);
                violated = java.util.Arrays.copyOf(violated, cap);
                finished = java.util.Arrays.copyOf(finished, cap);
                open = java.util.Arrays.copyOf(open, cap);
            }
            int e = size++;
            if (hi != null) {
                hi[e] = fp[0];
            }
            lo[e] = fp[1];
            z0[e] = s0;
            z1[e] = s1;
            open[e] = 1;
            place(e);
            return e;
        }

        private void place(int e) {
            int mask = index.length - 1;
            int i = home(lo[e], index.length);
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = e + 1;
        }

        private void rehash(int cap) {
            index = new int[cap];
            for (int e = 0; e < size; e++) {
                place(e);
            }
        }

        long sleep0(int e) {
            return z0[e];
        }

        long sleep1(int e) {
            return z1[e];
        }

        boolean open(int e) {
            return open[e] > 0;
        }

        boolean finished(int e) {
            return finished[e];
        }

        long avoid(int e) {
            return avoid[e];
        }

        long violated(int e) {
            return violated[e];
        }

        void violate(int e, long mask) {
            violated[e] |= mask;
        }

        void reopen(int e, long s0, long s1) {
            z0[e] = s0;
            z1[e] = s1;
            open[e]++;
        }

        void finish(int e, long summary) {
            avoid[e] |= summary;
            finished[e] = true;
            open[e]--;
        }
    }
}
