package fputsim.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one schedule of a fresh program under a strategy: asks the strategy for each decision,
 * steps the chosen actor, records the decisions and checks the properties. Knows nothing about
 * what the actors model.
 */
public final class Runner<P extends Program> {
    private final ProgramFactory<P> factory;
    private final List<Property<? super P>> properties;
    private final int maxSteps;
    private final KeyTable keys = new KeyTable();
    private P last;
    /**
     * The last schedule's decisions and violations. A schedule that begins with the same decisions
     * passes through the same states there (programs are deterministic), so the properties are not
     * evaluated again after those steps: their results are the last schedule's.
     */
    private int[] lastDecisions;
    private List<Execution.Violation> lastViolations = List.of();
    /** The last schedule's enabled actors before each step, and whether some actor was blocked there (the same states: not asked again). */
    private List<int[]> lastEnabled = List.of();
    private java.util.BitSet lastBlocked = new java.util.BitSet();

    public Runner(ProgramFactory<P> factory, int maxSteps) {
        this.factory = factory;
        this.properties = factory.properties();
        this.maxSteps = maxSteps;
    }

    /** The program instance of the last run, in its final state (for reporters). */
    public P lastProgram() {
        return last;
    }

    public Execution run(Strategy strategy) {
        P program = factory.create();
        last = program;
        Context cx = new Context(strategy, keys);
        Tracker tracker = program.tracker();
        List<Execution.Violation> violations = new ArrayList<>();
        boolean[] failed = new boolean[properties.size()];
        int current = -1;
        int steps = 0;
        int preemptions = 0;
        int[] enabled = new int[8];
        boolean states = strategy.wantsStates();
        Ending ending;
        boolean replaying = lastDecisions != null;
        int agreed = 0;
        List<int[]> enabledSets = new ArrayList<>(lastEnabled.size() + 8);
        java.util.BitSet blocked = new java.util.BitSet();
        while (true) {
            List<? extends Actor> actors = program.actors();
            int n;
            boolean unfinished;
            int[] choices;
            if (replaying && steps < lastEnabled.size()) {
                // the last schedule's state at this step (the same decisions so far): its statuses
                choices = lastEnabled.get(steps);
                n = choices.length;
                unfinished = lastBlocked.get(steps);
            } else {
                n = 0;
                unfinished = false;
                for (int i = 0; i < actors.size(); i++) {
                    Status s = actors.get(i).status();
                    if (s == Status.ENABLED) {
                        if (n == enabled.length) {
                            enabled = Arrays.copyOf(enabled, n * 2);
                        }
                        enabled[n++] = i;
                    } else if (s == Status.BLOCKED) {
                        unfinished = true;
                    }
                }
                choices = Arrays.copyOf(enabled, n);
            }
            enabledSets.add(choices);
            if (unfinished) {
                blocked.set(steps);
            }
            boolean currentEnabled = false;
            for (int id : choices) {
                currentEnabled |= id == current;
            }
            if (states) {
                strategy.state(program, choices, n, steps);
            }
            if (n == 0) {
                ending = unfinished ? Ending.DEADLOCK : Ending.QUIESCENT;
                break;
            }
            if (steps >= maxSteps) {
                ending = Ending.STEP_BOUND;
                break;
            }
            int chosen = strategy.pickActor(choices, current, steps);
            if (chosen < 0) {
                ending = Ending.PRUNED;
                break;
            }
            cx.record(chosen);
            if (currentEnabled && chosen != current) {
                preemptions++;
            }
            cx.clearFootprint();
            int before = actors.size();
            Actor actor = actors.get(chosen);
            if (tracker == null) {
                actor.step(cx);
            } else {
                stepTracked(tracker, actor, cx);
            }
            if (strategy.wantsFootprints() && strategy.wantsFootprintOfThisStep()) {
                strategy.afterStep(chosen, cx.footprint(), before, program.actors().size());
            }
            current = chosen;
            steps++;
            if (replaying) {
                int made = cx.decisionCount();
                replaying = cx.agreesWith(lastDecisions, agreed, made);
                agreed = made;
            }
            if (replaying) {
                for (Execution.Violation v : lastViolations) {
                    if (v.step() == steps && v.moment() == Moment.AFTER_STEP) {
                        failed[v.property()] = true;
                        violations.add(v);
                    }
                }
            } else {
                check(program, Moment.AFTER_STEP, steps, failed, violations);
            }
        }
        if (ending != Ending.PRUNED) {
            check(program, ending.moment(), steps, failed, violations);
            if (states) {
                strategy.end(program, ending);
            }
        }
        String endState = ending == Ending.PRUNED ? null : program.fingerprint();
        int[] decisions = cx.decisions();
        List<Execution.Violation> found = List.copyOf(violations);
        lastDecisions = decisions;
        lastViolations = found;
        lastEnabled = enabledSets;
        lastBlocked = blocked;
        return new Execution(decisions, ending, steps, preemptions, found, endState);
    }

    /**
     * Steps an actor whose state declares itself: its enabling condition is evaluated again inside
     * the step, so that what the guard read is in the step's footprint with what the step touched.
     */
    private static void stepTracked(Tracker tracker, Actor actor, Context cx) {
        tracker.enter(cx);
        try {
            if (actor.status() != Status.ENABLED) {
                throw new IllegalStateException(actor.name() + " was enabled, then not, in the same state:"
                        + " its enabling condition is not a function of the state");
            }
            actor.step(cx);
        } finally {
            tracker.exit();
        }
    }

    /** A {@link Probe} on fresh instances of this runner's program (no properties are checked). */
    public Probe.Stepped probe(int[] decisions, int actor, int[] values, int[] bounds) {
        P program = factory.create();
        Feed feed = new Feed(decisions);
        Context cx = new Context(feed, keys);
        int steps = 0;
        while (feed.pos < decisions.length) {
            int a = decisions[feed.pos++];
            List<? extends Actor> actors = program.actors();
            // only the stepped actor's status: asking the others changes nothing (Actor#status)
            if (a >= actors.size() || actors.get(a).status() != Status.ENABLED) {
                return null; // a step of the prefix is not enabled there
            }
            actors.get(a).step(cx);
            steps++;
        }
        List<? extends Actor> actors = program.actors();
        if (actor >= actors.size() || actors.get(actor).status() != Status.ENABLED) {
            return null;
        }
        Forced forced = new Forced(values, bounds);
        Context last = new Context(forced, keys);
        Tracker tracker = program.tracker();
        if (tracker == null) {
            actors.get(actor).step(last);
        } else {
            stepTracked(tracker, actors.get(actor), last); // the footprint is declared by the state, guard included
        }
        return new Probe.Stepped(last.footprint(), forced.taken(), forced.seen(), forced.diverged, steps);
    }

    /** Serves the data values of a decision prefix. */
    private static final class Feed implements Strategy {
        final int[] decisions;
        int pos;

        Feed(int[] decisions) {
            this.decisions = decisions;
        }

        @Override public boolean beginSchedule() { return false; }
        @Override public int pickActor(int[] enabled, int current, int stepIndex) { return -1; }
        @Override public String name() { return "probe"; }

        @Override
        public int pickValue(int bound) {
            if (pos >= decisions.length) {
                throw new IllegalStateException("probe prefix ends inside a step");
            }
            return decisions[pos++];
        }
    }

    /** Takes the asked-for values while the bounds match, then 0; records what was taken. */
    private static final class Forced implements Strategy {
        final int[] values;
        final int[] bounds;
        int[] taken = new int[4];
        int[] seen = new int[4];
        int n;
        boolean diverged;

        Forced(int[] values, int[] bounds) {
            this.values = values;
            this.bounds = bounds;
        }

        @Override public boolean beginSchedule() { return false; }
        @Override public int pickActor(int[] enabled, int current, int stepIndex) { return -1; }
        @Override public String name() { return "probe"; }

        @Override
        public int pickValue(int bound) {
            int v = 0;
            if (!diverged && n < values.length && bounds[n] == bound) {
                v = values[n];
            } else {
                diverged = true;
            }
            if (n == taken.length) {
                taken = Arrays.copyOf(taken, n * 2);
                seen = Arrays.copyOf(seen, n * 2);
            }
            taken[n] = v;
            seen[n++] = bound;
            return v;
        }

        int[] taken() {
            return Arrays.copyOf(taken, n);
        }

        int[] seen() {
            return Arrays.copyOf(seen, n);
        }
    }

    private void check(P program, Moment moment, int step, boolean[] failed, List<Execution.Violation> out) {
        for (int i = 0; i < properties.size(); i++) {
            if (!failed[i] && !properties.get(i).holds(program, moment)) {
                failed[i] = true;
                out.add(new Execution.Violation(i, properties.get(i).name(), step, moment));
            }
        }
    }

    /** The step context: footprint buffers and the decision log of one schedule. */
    private static final class Context implements StepContext {
        private final Strategy strategy;
        private final KeyTable keys;
        private Object[] reads = new Object[8];
        private Object[] writes = new Object[8];
        private Object[] updates = new Object[4];
        private int nr;
        private int nw;
        private int nu;
        private final DecisionLog log = new DecisionLog();
        private final java.util.function.IntUnaryOperator pickValue;

        Context(Strategy strategy, KeyTable keys) {
            this.strategy = strategy;
            this.keys = keys;
            this.pickValue = strategy::pickValue;
        }

        void record(int actor) {
            log.actor(actor);
        }

        int[] decisions() {
            return log.decisions();
        }

        int decisionCount() {
            return log.size();
        }

        boolean agreesWith(int[] other, int from, int to) {
            return log.agreesWith(other, from, to);
        }

        void clearFootprint() {
            nr = 0;
            nw = 0;
            nu = 0;
        }

        Footprint footprint() {
            return new Footprint(Arrays.copyOf(reads, nr), Arrays.copyOf(writes, nw), Arrays.copyOf(updates, nu), keys);
        }

        @Override
        public void updates(Object object) {
            checked(object);
            if (nu == updates.length) {
                updates = Arrays.copyOf(updates, nu * 2);
            }
            updates[nu++] = object;
        }

        private static final ClassValue<Boolean> VALUE_EQUALITY = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                try {
                    return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
                } catch (NoSuchMethodException e) {
                    return false;
                }
            }
        };

        private static Object checked(Object key) {
            if (!VALUE_EQUALITY.get(key.getClass())) {
                throw new IllegalArgumentException("footprint key of " + key.getClass().getName()
                        + " has identity equality; use a value that names the object in every run");
            }
            return key;
        }

        @Override
        public void reads(Object object) {
            checked(object);
            if (nr == reads.length) {
                reads = Arrays.copyOf(reads, nr * 2);
            }
            reads[nr++] = object;
        }

        @Override
        public void writes(Object object) {
            checked(object);
            if (nw == writes.length) {
                writes = Arrays.copyOf(writes, nw * 2);
            }
            writes[nw++] = object;
        }

        @Override
        public int choose(int bound) {
            return log.choose(bound, pickValue);
        }
    }
}
