/*
 * GuidedStrategy: a search of the model's schedules, pruned by a real order of observable events
 * (a Projection skeleton): a schedule is abandoned at the first step whose skeleton stops being a
 * prefix of the expected one. Two searches share the schedule bound, one schedule each in turn:
 *
 * - A limited-discrepancy depth-first search (Harvey and Ginsberg, IJCAI 1995), which is what
 *   makes "not found" a proof. At each decision the alternatives are ordered: actors not yet seen
 *   to deviate at this point of the expected order first, among them the actor that ran last (no
 *   preemption), then by id; data values ascending. Taking the i-th alternative costs i
 *   discrepancies. A round runs every schedule of at most b discrepancies depth first (stateless:
 *   the explorer replays the prefix on a fresh kernel), then the next round, with b doubled (0, 1,
 *   2, 4, ...), starts from the top; a round that left out no alternative was a plain depth-first
 *   search of every schedule, and ends the search (doubling keeps the rounds before it cheaper
 *   than that last one, as in iterative deepening).
 * - Priority walks (PCT, Burckhardt et al., ASPLOS 2010, depth 2, seeded): each actor gets a random
 *   priority the first time it is enabled, the highest enabled one runs, and at one random step the
 *   running actor drops below every other; every other walk first prefers, at each point of the
 *   expected order, the actors not yet seen to deviate there (the discrepancy search's ordering
 *   rule), which holds back e.g. the 12 exit kworkers while wait and umount must come first. These
 *   find the orders that need one actor held back over
 *   a long stretch of the run, e.g. a completion that arrives only after the killed submitter ran
 *   its local work (io_cqring_wait) and its cancel: from the default order such a schedule is a
 *   discrepancy at every decision where the completion was enabled, which no depth-first order
 *   reaches within a bound when the run has hundreds of decisions (12 jobs x 2). A walk is never
 *   part of the proof: the search is exhaustive only when the discrepancy search ends by itself.
 * Leaves out: partial-order reduction (the pruning does most of the work here).
 * Checked by: ConformanceTest, GuidedStrategyTest.
 */
package fputsim.kernel.conform;

import fputsim.explore.Strategy;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

public final class GuidedStrategy implements Strategy {
    /** The walks' seed (fixed: a conformance check is reproducible). */
    static final long SEED = 16;

    private final List<Event> expected;
    private final long maxSchedules;
    /** Per decision depth of the discrepancy search: the ordered alternatives and which one this schedule takes. */
    private final List<int[]> options = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();
    /** Per progress level (how much of the expected order is matched): actors seen to deviate there. */
    private final List<BitSet> deviators = new ArrayList<>();
    private final SplittableRandom walks = new SplittableRandom(SEED);
    private final boolean withWalks;
    private ModelSkeleton skeleton;
    private int depth;
    private long begun;
    private int lastActor = -1;
    private List<Event> closest = List.of();
    private int divergedAt = -1;
    private Projection divergence;
    /** The discrepancy budget of the current round. */
    private int budget;
    /** The current round left out an alternative that would have gone over the budget. */
    private boolean cut;
    /** Discrepancies taken by this schedule so far. */
    private int spent;
    /** The discrepancy search ran out: every schedule was tried. */
    private boolean searched;
    /** This schedule is a priority walk (not part of the discrepancy search). */
    private boolean walking;
    /** This walk prefers, at each point of the expected order, the actors not seen to deviate there (every other walk). */
    private boolean aware;
    private SplittableRandom walk;
    private double[] priority = new double[0];
    private int changeAt;
    private int steps;
    private int longest = 1;

    public GuidedStrategy(List<Event> expected, long maxSchedules) {
        this(expected, maxSchedules, true);
    }

    /** @param withWalks false: the discrepancy search alone (for tests of each half) */
    GuidedStrategy(List<Event> expected, long maxSchedules, boolean withWalks) {
        this.expected = List.copyOf(expected);
        this.maxSchedules = maxSchedules;
        this.withWalks = withWalks;
    }

    /** Called by the factory for every fresh kernel: the run to watch. */
    void attach(Kernel k) {
        // a real order with no KILL anywhere is a no-kill run's (08, 09): the model's is projected
        // from its teardown; an order with a KILL, first or not, is a kill run's
        skeleton = new ModelSkeleton(k, !expected.isEmpty() && !expected.contains(Projection.KILL));
        depth = 0;
        spent = 0;
        steps = 0;
        lastActor = -1;
    }

    /** The longest prefix of the expected order reached by any schedule so far. */
    public List<Event> closest() {
        return closest;
    }

    /** The skeleton of the run that just ended (all of it), with its source lines. */
    Projection finishedProjection() {
        return skeleton.projection();
    }

    /**
     * The run that stayed on the expected order longest, cut at the event where it left it:
     * what the model did instead of the next real event. Null if no run left the order.
     */
    Projection divergence() {
        return divergence;
    }

    public long schedules() {
        return begun;
    }

    /** True when the discrepancy search tried every schedule: a missing order is then a proof. */
    public boolean exhausted() {
        return searched;
    }

    /** The discrepancy budget reached (the round under way, or the last one). */
    int budget() {
        return budget;
    }

    @Override
    public boolean beginSchedule() {
        if (steps > longest) {
            longest = steps;
        }
        if (begun == 0) {
            begun++;
            walking = false;
            return true;
        }
        if (begun >= maxSchedules || searched) {
            return false;
        }
        begun++;
        if (withWalks && begun % 2 == 0) {
            walking = true;
            aware = begun % 4 == 0;
            walk = walks.split();
            priority = new double[0];
            changeAt = walk.nextInt(longest);
            return true;
        }
        walking = false;
        if (nextDiscrepancySchedule()) {
            return true;
        }
        begun--;
        searched = true;
        return false;
    }

    /** Moves the discrepancy search to its next schedule; false when it has tried them all. */
    private boolean nextDiscrepancySchedule() {
        for (int d = options.size() - 1; d >= 0; d--) {
            if (taken.get(d) + 1 < options.get(d).length) {
                taken.set(d, taken.get(d) + 1);
                return true;
            }
            options.remove(d);
            taken.remove(d);
        }
        if (!cut) {
            return false;
        }
        budget = budget == 0 ? 1 : 2 * budget;
        cut = false;
        return true;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        int level = consistentLevel();
        if (level < 0) {
            return -1;
        }
        int a = walking ? walkPick(enabled, aware ? deviators(level) : null) : decide(() -> order(enabled, current, level));
        lastActor = a;
        steps++;
        return a;
    }

    @Override
    public int pickValue(int bound) {
        if (walking) {
            return walk.nextInt(bound);
        }
        int[] values = new int[bound];
        for (int i = 0; i < bound; i++) {
            values[i] = i;
        }
        return decide(() -> values);
    }

    private int decide(java.util.function.Supplier<int[]> alternatives) {
        if (depth < options.size()) {
            spent += taken.get(depth);
            return options.get(depth)[taken.get(depth++)];
        }
        int[] alt = alternatives.get();
        int room = budget - spent;
        if (alt.length > room + 1) {
            alt = Arrays.copyOf(alt, room + 1);
            cut = true;
        }
        options.add(alt);
        taken.add(0);
        depth++;
        return alt[0];
    }

    /**
     * The highest-priority enabled actor (with {@code bad}: among those not seen to deviate at this
     * point of the expected order, if any); at the change point the running one drops below all.
     */
    private int walkPick(int[] enabled, BitSet bad) {
        for (int a : enabled) {
            if (a >= priority.length) {
                int old = priority.length;
                priority = Arrays.copyOf(priority, Math.max(a + 1, old * 2));
                Arrays.fill(priority, old, priority.length, Double.NaN);
            }
            if (Double.isNaN(priority[a])) {
                priority[a] = 1 + walk.nextDouble();
            }
        }
        int best = highest(enabled, bad);
        if (steps == changeAt) {
            priority[best] = 0;
            best = highest(enabled, bad);
        }
        return best;
    }

    private int highest(int[] enabled, BitSet bad) {
        int best = -1;
        for (int a : enabled) {
            if (best < 0 || better(a, best, bad)) {
                best = a;
            }
        }
        return best;
    }

    private boolean better(int a, int b, BitSet bad) {
        if (bad != null && bad.get(a) != bad.get(b)) {
            return !bad.get(a);
        }
        return priority[a] > priority[b];
    }

    /** How much of the expected order the run has matched, or -1 when it left it. */
    private int consistentLevel() {
        List<Event> got = skeleton.advance();
        int n = Math.min(got.size(), expected.size());
        int match = 0;
        while (match < n && got.get(match).equals(expected.get(match))) {
            match++;
        }
        if (match > closest.size()) {
            closest = List.copyOf(got.subList(0, match));
        }
        if (match < got.size()) {
            if (match > divergedAt) {
                divergedAt = match;
                divergence = skeleton.projection();
            }
            if (lastActor >= 0) {
                deviators(match).set(lastActor);
            }
            return -1;
        }
        return match;
    }

    private BitSet deviators(int level) {
        while (deviators.size() <= level) {
            deviators.add(new BitSet());
        }
        return deviators.get(level);
    }

    private int[] order(int[] enabled, int current, int level) {
        BitSet bad = deviators(level);
        int[] out = new int[enabled.length];
        int n = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean wantBad = pass == 1;
            if (current >= 0 && contains(enabled, current) && bad.get(current) == wantBad) {
                out[n++] = current;
            }
            for (int a : enabled) {
                if (a != current && bad.get(a) == wantBad) {
                    out[n++] = a;
                }
            }
        }
        return out;
    }

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "guided";
    }
}
