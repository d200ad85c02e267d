package fputsim.tests.lincheck;

import fputsim.explore.Actor;
import fputsim.explore.DecisionLog;
import fputsim.explore.Ending;
import fputsim.explore.Execution;
import fputsim.explore.Moment;
import fputsim.explore.Property;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Status;
import fputsim.explore.UntrackedStepContext;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a model program's actors (the {@code TaskStruct}s of a {@link Kernel}) as real Java platform threads
 * over the same model objects, so that a thread-level checker (Lincheck's {@code runConcurrentTest}) chooses
 * the interleaving instead of the explorer. One thread per actor; each waits on one global monitor until its
 * actor is ENABLED or the run is over, then takes one step while holding the monitor (and re-checks that the
 * actor is still ENABLED: another thread may have stepped first). A step is therefore as
 * atomic as in the explorer, and the only scheduling freedom is which waiting thread gets the monitor next:
 * the same choice the explorer's {@code pickActor} makes.
 *
 * <p>The run is over when no actor is ENABLED (every actor FINISHED: quiescent; some BLOCKED: deadlock) or
 * after {@code maxSteps} steps. Actors created by a step (the shell forks umount and mount) get a thread from
 * the calling thread, which starts threads and joins them all. The properties of the factory are evaluated
 * after every step under the monitor and once at the end, with the explorer's {@link Moment}s, so a verdict
 * here means what it means in the explorer. Nothing here throws from a child thread (Lincheck ignores
 * those): a failure inside a step is recorded and rethrown by {@link #run()} in the calling thread.
 *
 * <p>The actor ids stepped, in order, form a strict replay schedule of the explorer ({@link Result#token}),
 * so an ordering found under Lincheck can be replayed with {@code ./fputsim replay}.
 */
public final class ThreadedScenario {
    private final ModelFactory factory;
    private final List<Property<? super Kernel>> properties;
    private final int maxSteps;
    /** Set by {@link #abandon()}: every thread of every run of this scenario leaves its loops. */
    private volatile boolean abandoned;

    public ThreadedScenario(ModelFactory factory, int maxSteps) {
        this(factory, factory.properties(), maxSteps);
    }

    /** Checks only {@code properties} (e.g. one property, to ask whether that one can fail). */
    public ThreadedScenario(ModelFactory factory, List<? extends Property<? super Kernel>> properties, int maxSteps) {
        this.factory = factory;
        this.properties = List.copyOf(properties);
        this.maxSteps = maxSteps;
    }

    public ModelFactory factory() {
        return factory;
    }

    /**
     * Ends the threads of runs that will never finish: call it once no run of this scenario is wanted any more.
     * When Lincheck 3.7 gives up on an invocation ("Concurrent test has hung", after its fixed 30 s), it stops
     * scheduling that invocation's threads but does not end them: it leaves the block's thread running our code
     * (measured: it then spun in {@link #run()} at one full core, for the rest of the JVM) and the actor threads
     * parked in its scheduler. On a loaded 2-core runner that core is taken from every later test of the JVM,
     * which then hangs more often in turn. After this call every loop of a run returns at its next check, and
     * {@link #run()} throws instead of waiting for threads that Lincheck still holds.
     */
    public void abandon() {
        abandoned = true;
    }

    private void checkNotAbandoned() {
        if (abandoned) {
            throw new IllegalStateException("the run was abandoned (ThreadedScenario.abandon)");
        }
    }

    /**
     * One threaded run: how it ended, what it violated, the schedule it took, and the threads it ran (all
     * finished and joined). The threads are kept so that whoever holds the result (or an exception that holds
     * it) keeps them reachable: Lincheck 3.7 names the threads of a failing interleaving's trace through the
     * weak references of its {@code ThreadDescriptor}s, and lays the trace out with one column per name it
     * still finds; a garbage collection that took our finished threads first made it throw
     * IndexOutOfBoundsException (docs/lincheck.md, "A loaded runner").
     */
    public record Result(ModelFactory factory, Execution execution, Kernel kernel, int maxSteps, List<Thread> threads) {
        public boolean violates(String property) {
            for (Execution.Violation v : execution.violations()) {
                if (v.name().equals(property)) {
                    return true;
                }
            }
            return false;
        }

        public boolean anyViolation() {
            return !execution.violations().isEmpty();
        }

        /** The explorer's replay token of the schedule this run took. */
        public ReplayToken token() {
            return Replay.tokenOf(factory, "threads", 0, maxSteps, execution);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(execution.ending()).append(" after ").append(execution.steps()).append(" steps");
            for (Execution.Violation v : execution.violations()) {
                sb.append("; violated ").append(v.name()).append(" at step ").append(v.step()).append(" (").append(v.moment()).append(')');
            }
            sb.append("; replay: ./fputsim replay ").append(token().encode());
            return sb.toString();
        }
    }

    /** Runs the program once on real threads; returns after every thread has been joined. */
    public Result run() throws InterruptedException {
        return run(state -> { });
    }

    /**
     * As {@link #run()}, and hands {@code observer} the run's whole state (kernel, thread gates, decisions) once
     * before the first step and after every step, under the run's monitor. For callers that need the objects a
     * run goes through (ScenarioUnderLincheck collects one instance of each class before Lincheck attaches).
     */
    public Result run(Consumer<Object> observer) throws InterruptedException {
        Run r = new Run(factory.create(), observer);
        List<Thread> threads = new ArrayList<>();
        int started = 0;
        synchronized (r) {
            observer.accept(r);
            r.settle();
        }
        while (true) {
            checkNotAbandoned();
            int actors;
            synchronized (r) {
                actors = r.kernel.actors().size();
                if (r.over) {
                    break;
                }
                for (int id = started; id < actors; id++) {
                    r.gates.add(new Gate());
                }
            }
            for (int id = started; id < actors; id++) {
                Thread t = new Thread(r.loop(id), "actor-" + id);
                threads.add(t);
                t.start();
            }
            started = actors;
            r.spawner.await(); // opened when a step creates an actor, or at the end
        }
        for (Thread t : threads) {
            checkNotAbandoned();
            t.join();
        }
        synchronized (r) {
            if (r.failure != null) {
                throw new StepFailed(r.failure, List.copyOf(threads));
            }
            return new Result(factory, r.execution(), r.kernel, maxSteps, List.copyOf(threads));
        }
    }

    /**
     * A failure inside a step, rethrown in the calling thread. Like {@link Result#threads()}, it keeps the run's
     * threads reachable for whoever holds it (see there).
     */
    public static final class StepFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"}) // held, not read: see Result#threads
        private final transient List<Thread> threads;

        StepFailed(Throwable cause, List<Thread> threads) {
            super("a step failed in a thread: " + cause, cause);
            this.threads = threads;
        }
    }

    /**
     * A thread's private wake-up flag. Waking only the threads whose actor became ENABLED (rather than
     * notifyAll on the global monitor) keeps the number of thread switches per step small, which is what
     * Lincheck's model checker pays for. Lock order: the Run's monitor, then a gate; a thread never holds
     * the Run's monitor while it waits on its gate.
     */
    final class Gate {
        private boolean open = true;

        synchronized void await() throws InterruptedException {
            while (!open) {
                checkNotAbandoned();
                wait();
            }
            open = false;
        }

        synchronized void open() {
            if (!open) {
                open = true;
                notify();
            }
        }
    }

    /** The state shared by the threads of one run; every field is guarded by the Run's monitor. */
    private final class Run {
        final Kernel kernel;
        final boolean[] failed = new boolean[properties.size()];
        final List<Execution.Violation> violations = new ArrayList<>();
        final Context cx = new Context();
        final List<Gate> gates = new ArrayList<>();
        final Gate spawner = new Gate();
        final Consumer<Object> observer;
        int known;
        int steps;
        int preemptions;
        int current = -1;
        boolean over;
        Ending ending;
        Throwable failure;

        Run(Kernel kernel, Consumer<Object> observer) {
            this.kernel = kernel;
            this.observer = observer;
        }

        Runnable loop(int id) {
            return () -> {
                try {
                    Gate gate;
                    Actor a;
                    synchronized (this) {
                        gate = gates.get(id);
                        a = kernel.actors().get(id);
                    }
                    while (true) {
                        gate.await();
                        synchronized (this) {
                            if (over || abandoned) {
                                return;
                            }
                            if (a.status() == Status.ENABLED) { // re-check: another step may have disabled it
                                step(id, a);
                            }
                        }
                    }
                } catch (Throwable t) { // recorded, rethrown by run() in the calling thread
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                        finish(Ending.DEADLOCK);
                    }
                }
            };
        }

        void step(int id, Actor a) {
            if (current >= 0 && current != id && kernel.actors().get(current).status() == Status.ENABLED) {
                preemptions++;
            }
            cx.record(id);
            a.step(cx);
            current = id;
            steps++;
            observer.accept(this);
            check(Moment.AFTER_STEP);
            settle();
        }

        /** Wakes the threads whose actor can step; ends the run when none can, or at the step bound. */
        void settle() {
            List<? extends Actor> actors = kernel.actors();
            boolean enabled = false;
            boolean unfinished = false;
            for (int i = 0; i < actors.size(); i++) {
                Status s = actors.get(i).status();
                if (s == Status.ENABLED) {
                    enabled = true;
                    if (i < gates.size()) {
                        gates.get(i).open();
                    }
                }
                unfinished |= s == Status.BLOCKED;
            }
            if (actors.size() > known) {
                known = actors.size();
                spawner.open(); // a step created an actor: the calling thread starts its thread
            }
            if (enabled && steps < maxSteps) {
                return;
            }
            check(enabled ? Moment.STEP_BOUND : unfinished ? Moment.DEADLOCK : Moment.QUIESCENT);
            finish(enabled ? Ending.STEP_BOUND : unfinished ? Ending.DEADLOCK : Ending.QUIESCENT);
        }

        void finish(Ending how) {
            if (over) {
                return;
            }
            ending = how;
            over = true;
            for (Gate g : gates) {
                g.open();
            }
            spawner.open();
        }

        void check(Moment moment) {
            for (int i = 0; i < properties.size(); i++) {
                if (!failed[i] && !properties.get(i).holds(kernel, moment)) {
                    failed[i] = true;
                    violations.add(new Execution.Violation(i, properties.get(i).name(), steps, moment));
                }
            }
        }

        Execution execution() {
            return new Execution(cx.decisions(), ending, steps, preemptions, List.copyOf(violations), kernel.fingerprint());
        }
    }

    /** Footprints are the explorer's business; a data choice is always 0 and recorded as the Runner does. */
    private static final class Context extends UntrackedStepContext {
        private final DecisionLog log = new DecisionLog();

        void record(int actor) {
            log.actor(actor);
        }

        int[] decisions() {
            return log.decisions();
        }

        @Override
        public int choose(int bound) {
            return log.choose(bound, b -> 0);
        }
    }
}
