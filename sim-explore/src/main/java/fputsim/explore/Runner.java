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
        Ending ending;
        while (true) {
            List<? extends Actor> actors = program.actors();
            int n = 0;
            boolean unfinished = false;
            boolean currentEnabled = false;
            for (int i = 0; i < actors.size(); i++) {
                Status s = actors.get(i).status();
                if (s == Status.ENABLED) {
                    if (n == enabled.length) {
                        enabled = Arrays.copyOf(enabled, n * 2);
                    }
                    enabled[n++] = i;
                    currentEnabled |= i == current;
                } else if (s == Status.BLOCKED) {
                    unfinished = true;
                }
            }
            if (n == 0) {
                ending = unfinished ? Ending.DEADLOCK : Ending.QUIESCENT;
                break;
            }
            if (steps >= maxSteps) {
                ending = Ending.STEP_BOUND;
                break;
            }
            int[] choices = n == enabled.length ? enabled : Arrays.copyOf(enabled, n);
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
            Actor actor = actors.get(chosen);
            if (tracker == null) {
                actor.step(cx);
            } else {
                stepTracked(tracker, actor, cx);
            }
            if (strategy.wantsFootprints()) {
                strategy.afterStep(chosen, cx.footprint());
            }
            current = chosen;
            steps++;
            check(program, Moment.AFTER_STEP, steps, failed, violations);
        }
        if (ending != Ending.PRUNED) {
            check(program, ending.moment(), steps, failed, violations);
        }
        String endState = ending == Ending.PRUNED ? null : program.fingerprint();
        return new Execution(cx.decisions(), ending, steps, preemptions, List.copyOf(violations), endState);
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
        private int[] decisions = new int[64];
        private int nd;

        Context(Strategy strategy, KeyTable keys) {
            this.strategy = strategy;
            this.keys = keys;
        }

        void record(int decision) {
            if (nd == decisions.length) {
                decisions = Arrays.copyOf(decisions, nd * 2);
            }
            decisions[nd++] = decision;
        }

        int[] decisions() {
            return Arrays.copyOf(decisions, nd);
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
            if (bound <= 0) {
                throw new IllegalArgumentException("choose bound must be positive: " + bound);
            }
            int v = bound == 1 ? 0 : strategy.pickValue(bound);
            if (bound > 1) {
                record(v);
            }
            return v;
        }
    }
}
