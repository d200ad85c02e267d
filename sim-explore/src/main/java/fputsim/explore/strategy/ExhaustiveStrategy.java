package fputsim.explore.strategy;

import fputsim.explore.Completeness;
import fputsim.explore.Footprint;
import fputsim.explore.Strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exhaustive depth-first search over schedules (stateless: each schedule re-runs a fresh program
 * and replays the decision prefix), with a choice of reduction:
 * <ul>
 * <li>{@link Reduction#NONE}: every interleaving.</li>
 * <li>{@link Reduction#SLEEP}: Godefroid's sleep sets. After the subtree of step {@code a} is
 * explored, {@code a} sleeps in its siblings' subtrees until a step dependent on it runs, so no
 * two explored complete schedules are equivalent (they differ by more than a swap of independent
 * steps); many partial schedules end with every enabled step asleep (pruned).</li>
 * <li>{@link Reduction#DPOR}: dynamic partial-order reduction (Flanagan and Godefroid, POPL 2005)
 * with sleep sets: a node starts with one choice, and after each schedule the races of its
 * trace (pairs of dependent steps of different actors not ordered by happens-before, found with
 * vector clocks) add the later step's actor as an alternative at the earlier step's node, or every
 * enabled actor there when it was not enabled.</li>
 * </ul>
 * With sleep sets ({@link Reduction#SLEEP}) the local-step rule applies too, unless switched off
 * ({@link #ExhaustiveStrategy(Reduction, int, boolean)}): a step that touched nothing shared
 * (and created and woke no actor) is the only one explored where it ran, and a state where such
 * a step sleeps is pruned at once (docs/explorer.md, "Local steps").
 * With a preemption bound (CHESS), a schedule switches away from an enabled actor at most that
 * many times; the bound is not combined with reduction (the combination is unsound), so a bound
 * turns reduction off. A step that took data choices is never put to sleep: its identity depends
 * on the values.
 */
public final class ExhaustiveStrategy implements Strategy {
    /** How much of the interleaving space to skip. */
    public enum Reduction { NONE, SLEEP, DPOR }

    private final Reduction reduction;
    private final int preemptionBound;
    /** The local-step rule (sleep sets only): see {@link #localPrunes()}. */
    private final boolean localSteps;
    private long localPrunes;
    private long localRestarts;
    private final List<Node> stack = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private boolean started;
    private int depth;
    private int lastSched = -1;
    private int preemptions;
    private long nodes;
    /** Nodes below this index kept their choice since the last schedule (the prefix replayed). */
    private int stable;

    /** @param reduce DPOR with sleep sets when true; @param preemptionBound -1 for unbounded */
    public ExhaustiveStrategy(boolean reduce, int preemptionBound) {
        this(reduce ? Reduction.DPOR : Reduction.NONE, preemptionBound);
    }

    public ExhaustiveStrategy(Reduction reduction, int preemptionBound) {
        this(reduction, preemptionBound, true);
    }

    /** @param localSteps the local-step rule with {@link Reduction#SLEEP} (false: sleep sets alone) */
    public ExhaustiveStrategy(Reduction reduction, int preemptionBound, boolean localSteps) {
        this.reduction = preemptionBound >= 0 ? Reduction.NONE : reduction;
        this.preemptionBound = preemptionBound;
        this.localSteps = localSteps && this.reduction == Reduction.SLEEP;
    }

    /** Whether the local-step rule is on (sleep sets, not switched off). */
    public boolean localSteps() {
        return localSteps;
    }

    /**
     * States pruned because a local step sleeps there (each also counts as a pruned schedule), and
     * nodes left with a local step as their one alternative.
     */
    public long localPrunes() {
        return localPrunes;
    }

    /** Schedules abandoned to run a local step first higher up (each also counts as a pruned schedule). */
    public long localRestarts() {
        return localRestarts;
    }

    /**
     * The local-step rule, looking back: the step just run at {@code prev} touched nothing, so its
     * actor's step was this same local step at every node above where the actor was enabled and
     * had not stepped since. At the highest such node that this schedule runs for the first time,
     * that step alone needs exploring: the branch in progress there, whose subtree is so far only
     * this schedule, is abandoned (not put to sleep: its subtree was not searched) and the local
     * step is tried next. No complete schedule is lost or run twice. Returns true when this
     * schedule is abandoned.
     */
    private boolean restartAtLocal(Node prev) {
        int b = prev.chosen;
        if (!local(prev.chosenFootprint, prev.hadData, prev.created, prev.enabled, prev.after, b)) {
            return false;
        }
        int top = -1;
        for (int i = lastSched - 1; i >= 0; i--) {
            Node n = stack.get(i);
            if (n.enabled == null) {
                continue;
            }
            if (n.chosen == b || !contains(n.enabled, b)) {
                break;
            }
            if (i >= stable) {
                top = i;
            } else if (n.only < 0 && !n.tried.contains(b) && n.backtrack.contains(b) && !asleep(n.sleep, b)) {
                // explored subtrees here: the branch in progress goes on, then b alone
                n.only = b;
                localPrunes++;
            }
        }
        if (top < 0 || stack.get(top).tried.contains(b) || !stack.get(top).backtrack.contains(b)) {
            return false;
        }
        Node at = stack.get(top);
        at.only = b;
        at.abandoned = true;
        stack.subList(top + 1, stack.size()).clear();
        localRestarts++;
        return true;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** Decision points created so far (a measure of the search tree's size). */
    public long nodes() {
        return nodes;
    }

    @Override
    public String name() {
        if (preemptionBound >= 0) {
            return "dfs-pb" + preemptionBound;
        }
        return switch (reduction) {
            case NONE -> "dfs-nopor";
            case SLEEP -> "dfs-sleep";
            case DPOR -> "dfs";
        };
    }

    /** A preemption bound leaves out every schedule with more preemptions; without one, nothing is left out. */
    @Override
    public Completeness.Cut limit() {
        return preemptionBound < 0 ? null : new Completeness.Cut(Completeness.Kind.PREEMPTION_BOUND,
                "preemption bound " + preemptionBound);
    }

    @Override
    public boolean beginSchedule() {
        if (started && reduction == Reduction.DPOR) {
            RaceAnalysis.addBacktracks(steps, stack);
        }
        steps.clear();
        depth = 0;
        lastSched = -1;
        preemptions = 0;
        if (!started) {
            started = true;
            return true;
        }
        while (!stack.isEmpty()) {
            stable = stack.size() - 1;
            if (stack.get(stable).advance()) {
                return true;
            }
            stack.remove(stable);
        }
        return false;
    }

    @Override
    public int pickActor(int[] enabled, int current, int stepIndex) {
        if (lastSched >= 0) {
            Node prev = stack.get(lastSched);
            prev.after = enabled.clone();
            if (localSteps && lastSched >= stable && restartAtLocal(prev)) {
                return -1;
            }
        }
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
        int chosen = node.chosen;
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
            stack.add(Node.data(bound));
            nodes++;
        }
        return stack.get(depth++).chosen;
    }

    @Override
    public boolean wantsFootprints() {
        return reduction != Reduction.NONE;
    }

    /**
     * Sleep sets: not for a replayed step, whose nodes (its actor's and its data choices') all lie
     * below {@code stable}: they kept their choices, and the step's node its footprint from when
     * it first ran. DPOR's race analysis needs every step.
     */
    @Override
    public boolean wantsFootprintOfThisStep() {
        return reduction == Reduction.DPOR || reduction == Reduction.SLEEP && depth > stable;
    }

    @Override
    public void afterStep(int actor, Footprint footprint, int actorsBefore, int actorsAfter) {
        if (lastSched >= 0) {
            stack.get(lastSched).created = actorsAfter > actorsBefore;
        }
        afterStep(actor, footprint);
    }

    @Override
    public void afterStep(int actor, Footprint footprint) {
        if (lastSched >= 0) {
            Node node = stack.get(lastSched);
            node.chosenFootprint = footprint;
            // The step and its data choices (nodes lastSched..depth-1) replay the last schedule's:
            // its vector clock and races are as the last race analysis found them.
            if (depth > stable) {
                node.clock = null;
            }
            steps.add(new Step(actor, footprint, lastSched));
        }
    }

    private Node newSchedNode(int[] enabled, int current) {
        List<Sleeper> sleep = reduction == Reduction.NONE ? List.of() : inheritedSleep();
        if (localSteps && localAsleep(sleep, enabled)) {
            localPrunes++;
            return null;
        }
        boolean currentEnabled = contains(enabled, current);
        boolean mayPreempt = preemptionBound < 0 || preemptions < preemptionBound || !currentEnabled;
        List<Integer> allowed = new ArrayList<>();
        if (currentEnabled && !asleep(sleep, current)) {
            allowed.add(current);
        }
        for (int id : enabled) {
            if (id != current && !asleep(sleep, id) && mayPreempt) {
                allowed.add(id);
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        Node node = new Node(enabled.clone(), sleep);
        node.localRule = localSteps;
        if (reduction == Reduction.DPOR) {
            node.backtrack.add(allowed.get(0));
        } else {
            node.backtrack.addAll(allowed);
        }
        node.chosen = allowed.get(0);
        return node;
    }

    /** Sleep set of the next node: the previous scheduling node's sleepers and explored siblings that are independent of the step just taken. */
    private List<Sleeper> inheritedSleep() {
        if (lastSched < 0) {
            return List.of();
        }
        Node parent = stack.get(lastSched);
        Footprint taken = parent.chosenFootprint;
        List<Sleeper> out = new ArrayList<>();
        if (taken == null) {
            return out;
        }
        for (Sleeper s : parent.sleep) {
            if (s.actor != parent.chosen && s.footprint.independentOf(taken)) {
                out.add(s);
            }
        }
        for (Sleeper s : parent.done) {
            if (s.actor != parent.chosen && s.footprint.independentOf(taken)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The local-step rule's pruning: an enabled actor sleeps with a step that touched nothing.
     * That step reads nothing, so nothing can wake it or disable its actor, and every
     * continuation of this state leaves it enabled and asleep: none is complete.
     */
    static boolean localAsleep(List<Sleeper> sleep, int[] enabled) {
        for (Sleeper s : sleep) {
            if (s.footprint.touchesNothing() && contains(enabled, s.actor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The local-step rule's choice (for both sleep-set searches): the step taken at a node touched
     * nothing, took no data choice, created no actor and changed no other actor's enabledness
     * ({@code before}, {@code after}: the enabled actors around it), so it commutes with every step of every continuation
     * and occurs in each complete one: its subtree covers the node's (the other alternatives are
     * not explored).
     */
    static boolean local(Footprint f, boolean hadData, boolean created, int[] before, int[] after, int self) {
        if (f == null || hadData || created || after == null || !f.touchesNothing()) {
            return false;
        }
        int[] toggled = OptimalStrategy.toggled(before, after, self);
        return toggled != null && toggled.length == 0;
    }

    static boolean asleep(List<Sleeper> sleep, int actor) {
        for (Sleeper s : sleep) {
            if (s.actor == actor) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    record Sleeper(int actor, Footprint footprint) {
    }

    /** One executed scheduling step of the current schedule: who, what it touched, at which node. */
    record Step(int actor, Footprint footprint, int node) {
    }

    /**
     * A decision point: a scheduling choice (the enabled actors, the alternatives still to try,
     * the ones done, the sleepers) or a data choice (values 0..bound-1).
     */
    static final class Node {
        final int[] enabled;
        final int bound;
        final List<Integer> backtrack = new ArrayList<>(2);
        final List<Sleeper> done = new ArrayList<>(2);
        final List<Integer> tried = new ArrayList<>(2);
        final List<Sleeper> sleep;
        int chosen;
        Footprint chosenFootprint;
        boolean hadData;
        /** The chosen step created actors. */
        boolean created;
        /** The enabled actors after the chosen step (null: not known, the schedule's last step). */
        int[] after;
        /** Apply the local-step rule here. */
        boolean localRule;
        /** The local-step rule's one alternative left here (-1: none), and whether the branch in progress was abandoned for it. */
        int only = -1;
        boolean abandoned;
        /** The vector clock of this node's step, kept by race analysis while the prefix up to it is replayed unchanged. */
        int[] clock;

        Node(int[] enabled, List<Sleeper> sleep) {
            this.enabled = enabled;
            this.bound = -1;
            this.sleep = sleep;
        }

        private Node(int bound) {
            this.enabled = null;
            this.bound = bound;
            this.sleep = List.of();
        }

        static Node data(int bound) {
            return new Node(bound);
        }

        /** Adds an alternative (an enabled actor that is not asleep here). */
        void addBacktrack(int actor) {
            if (!backtrack.contains(actor) && contains(enabled, actor) && !asleep(sleep, actor)) {
                backtrack.add(actor);
            }
        }

        boolean advance() {
            if (enabled == null) {
                return ++chosen < bound;
            }
            tried.add(chosen);
            if (!abandoned && localRule && local(chosenFootprint, hadData, created, enabled, after, chosen)) {
                return false;
            }
            if (!abandoned && chosenFootprint != null && !hadData) {
                done.add(new Sleeper(chosen, chosenFootprint));
            }
            abandoned = false;
            chosenFootprint = null;
            created = false;
            after = null;
            if (only >= 0) {
                if (!tried.contains(only) && !asleep(sleep, only)) {
                    chosen = only;
                    return true;
                }
                return false;
            }
            for (int a : backtrack) {
                if (!tried.contains(a)) {
                    chosen = a;
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return enabled == null ? "data<" + bound : "sched" + Arrays.toString(enabled) + "->" + chosen;
        }
    }
}
