package fputsim.explore.strategy;

import fputsim.explore.Footprint;
import fputsim.explore.Strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Exhaustive depth-first search over schedules (stateless: each schedule re-runs a fresh program
 * and replays the decision prefix). With partial-order reduction on, it keeps Godefroid's sleep
 * sets: after the subtree of step {@code a} is explored, {@code a} sleeps in its siblings'
 * subtrees until a step dependent on it runs, so no two explored complete schedules are
 * equivalent (they differ by more than a swap of independent steps). With a preemption bound
 * (CHESS), a schedule switches away from an enabled actor at most that many times; the bound and
 * sleep sets are not combined (the combination is unsound), so a bound turns reduction off.
 *
 * <p>A step that took data choices is never put to sleep: its identity depends on the values.
 */
public final class ExhaustiveStrategy implements Strategy {
    private final boolean reduce;
    private final int preemptionBound;
    private final List<Node> stack = new ArrayList<>();
    private boolean started;
    private int depth;
    private int lastSched = -1;
    private int preemptions;
    private long nodes;

    /** @param preemptionBound -1 for unbounded */
    public ExhaustiveStrategy(boolean reduce, int preemptionBound) {
        this.reduce = reduce && preemptionBound < 0;
        this.preemptionBound = preemptionBound;
    }

    public boolean reduces() {
        return reduce;
    }

    /** Decision points created so far (a measure of the search tree's size). */
    public long nodes() {
        return nodes;
    }

    @Override
    public String name() {
        return preemptionBound >= 0 ? "dfs-pb" + preemptionBound : reduce ? "dfs" : "dfs-nopor";
    }

    @Override
    public boolean beginSchedule() {
        depth = 0;
        lastSched = -1;
        preemptions = 0;
        if (!started) {
            started = true;
            return true;
        }
        while (!stack.isEmpty()) {
            Node top = stack.get(stack.size() - 1);
            if (top.advance()) {
                return true;
            }
            stack.remove(stack.size() - 1);
        }
        return false;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        Node node;
        if (depth < stack.size()) {
            node = stack.get(depth);
        } else {
            node = newSchedNode(enabled, current);
            if (node == null) {
                return -1;
            }
            stack.add(node);
            nodes++;
        }
        int chosen = node.options[node.pos];
        if (chosen != current && contains(enabled, current)) {
            preemptions++;
        }
        node.hadData = false;
        lastSched = depth++;
        return chosen;
    }

    @Override
    public int pickValue(int bound) {
        if (lastSched >= 0) {
            stack.get(lastSched).hadData = true;
        }
        if (depth == stack.size()) {
            stack.add(new Node(null, bound));
            nodes++;
        }
        return stack.get(depth++).pos;
    }

    @Override
    public boolean wantsFootprints() {
        return reduce;
    }

    @Override
    public void afterStep(int actor, Footprint footprint) {
        if (lastSched >= 0) {
            stack.get(lastSched).chosenFootprint = footprint;
        }
    }

    private Node newSchedNode(int[] enabled, int current) {
        List<Sleeper> sleep = reduce ? inheritedSleep() : List.of();
        boolean mayPreempt = preemptionBound < 0 || preemptions < preemptionBound || !contains(enabled, current);
        int[] options = new int[enabled.length];
        int n = 0;
        if (contains(enabled, current) && !asleep(sleep, current)) {
            options[n++] = current;
        }
        for (int id : enabled) {
            if (id != current && !asleep(sleep, id) && mayPreempt) {
                options[n++] = id;
            }
        }
        if (n == 0) {
            return null;
        }
        int[] exact = new int[n];
        System.arraycopy(options, 0, exact, 0, n);
        Node node = new Node(exact, exact.length);
        node.sleep = sleep;
        return node;
    }

    /** Sleep set of the next node: the previous scheduling node's sleepers and explored siblings that are independent of the step just taken. */
    private List<Sleeper> inheritedSleep() {
        if (lastSched < 0) {
            return List.of();
        }
        Node parent = stack.get(lastSched);
        Footprint taken = parent.chosenFootprint;
        int takenActor = parent.options[parent.pos];
        List<Sleeper> out = new ArrayList<>();
        if (taken == null) {
            return out;
        }
        for (Sleeper s : parent.sleep) {
            if (s.actor != takenActor && s.footprint.independentOf(taken)) {
                out.add(s);
            }
        }
        for (Sleeper s : parent.done) {
            if (s.actor != takenActor && s.footprint.independentOf(taken)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean asleep(List<Sleeper> sleep, int actor) {
        for (Sleeper s : sleep) {
            if (s.actor == actor) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    private record Sleeper(int actor, Footprint footprint) {
    }

    /** A decision point: a scheduling choice (options are actor ids) or a data choice (options 0..bound-1). */
    private static final class Node {
        final int[] options;
        final int bound;
        int pos;
        List<Sleeper> sleep = List.of();
        final List<Sleeper> done = new ArrayList<>(2);
        Footprint chosenFootprint;
        boolean hadData;

        Node(int[] options, int bound) {
            this.options = options;
            this.bound = bound;
        }

        boolean advance() {
            if (options != null && chosenFootprint != null && !hadData) {
                done.add(new Sleeper(options[pos], chosenFootprint));
            }
            chosenFootprint = null;
            return ++pos < bound;
        }
    }
}
