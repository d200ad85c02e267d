/*
 * GuidedStrategy: a depth-first search of the model's schedules, pruned and ordered by a
 * real order of observable events (a Projection skeleton). A schedule is abandoned at the first
 * step whose skeleton stops being a prefix of the expected one; the search then backtracks to
 * the deepest decision with an untried alternative (stateless: the explorer replays the prefix
 * on a fresh kernel). Alternatives are ordered: actors not yet seen to deviate at this point of
 * the expected order first, among them the actor that ran last (no preemption), then by id.
 * Bounded by a number of schedules; complete (every schedule in depth-first order) when the
 * bound is not hit, so "not found" within no bound means "the model cannot".
 * Leaves out: partial-order reduction (the pruning does most of the work here).
 * Checked by: ConformanceTest (the committed 6.18 capture conforms; an impossible order does not).
 */
package fputsim.kernel.conform;

import fputsim.explore.Strategy;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

public final class GuidedStrategy implements Strategy {
    private final List<Event> expected;
    private final long maxSchedules;
    /** Per decision depth: the ordered alternatives and which one this schedule takes. */
    private final List<int[]> options = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();
    /** Per progress level (how much of the expected order is matched): actors seen to deviate there. */
    private final List<BitSet> deviators = new ArrayList<>();
    private ModelSkeleton skeleton;
    private int depth;
    private long begun;
    private int lastActor = -1;
    private List<Event> closest = List.of();
    private int divergedAt = -1;
    private Projection divergence;

    public GuidedStrategy(List<Event> expected, long maxSchedules) {
        this.expected = List.copyOf(expected);
        this.maxSchedules = maxSchedules;
    }

    /** Called by the factory for every fresh kernel: the run to watch. */
    void attach(Kernel k) {
        skeleton = new ModelSkeleton(k);
        depth = 0;
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

    @Override
    public boolean beginSchedule() {
        if (begun == 0) {
            begun++;
            return true;
        }
        if (begun >= maxSchedules) {
            return false;
        }
        for (int d = options.size() - 1; d >= 0; d--) {
            if (taken.get(d) + 1 < options.get(d).length) {
                taken.set(d, taken.get(d) + 1);
                begun++;
                return true;
            }
            options.remove(d);
            taken.remove(d);
        }
        return false;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        int level = consistentLevel();
        if (level < 0) {
            return -1;
        }
        int a = decide(() -> order(enabled, current, level));
        lastActor = a;
        return a;
    }

    @Override
    public int pickValue(int bound) {
        int[] values = new int[bound];
        for (int i = 0; i < bound; i++) {
            values[i] = i;
        }
        return decide(() -> values);
    }

    private int decide(java.util.function.Supplier<int[]> alternatives) {
        if (depth < options.size()) {
            return options.get(depth)[taken.get(depth++)];
        }
        int[] alt = alternatives.get();
        options.add(alt);
        taken.add(0);
        depth++;
        return alt[0];
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
