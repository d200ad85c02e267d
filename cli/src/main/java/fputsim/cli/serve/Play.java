package fputsim.cli.serve;

import fputsim.explore.Execution;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Runner;
import fputsim.explore.Status;
import fputsim.explore.strategy.ReplayStrategy;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.report.Ledger;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One model (scenario, configuration, variant) played by hand: every question the page asks is
 * answered by replaying the schedule so far on a fresh kernel ({@link PrefixStrategy}), so the
 * page holds the whole state in its decision list and undo is dropping its tail.
 */
final class Play {
    /** The strategy name a page-made token carries. */
    static final String STRATEGY = "serve";

    final ModelFactory factory;
    final int maxSteps;
    final Goal goal;

    Play(ModelFactory factory, int maxSteps) {
        this.factory = factory;
        this.maxSteps = maxSteps;
        this.goal = Goal.of(factory);
    }

    /** One step of the schedule: the actor and the data values its step took, and the slice of decisions. */
    record Step(int n, int actor, String name, String function, int[] values, int from, int to, List<String> events) {
    }

    /** The program after a prefix, with the execution so far and how its decisions group into steps. */
    record At(Kernel kernel, Execution execution, int[] enabled, List<Step> steps) {
        boolean finished() {
            return enabled == null;
        }
    }

    /** Replays {@code decisions} exactly and stops there; a schedule that does not fit is a 409. */
    At at(int[] decisions) {
        Kernel[] made = new Kernel[1];
        List<String> functions = new ArrayList<>();
        PrefixStrategy s = PrefixStrategy.stop(decisions).beforeEachStep(id -> {
            List<String> fr = frames(made[0].actors().get(id));
            functions.add(fr.isEmpty() ? "" : fr.get(fr.size() - 1));
        });
        s.beginSchedule();
        Runner<Kernel> runner = new Runner<>(factory.onCreate(k -> made[0] = k), maxSteps);
        Execution e;
        try {
            e = runner.run(s);
        } catch (PrefixStrategy.Stale x) {
            throw BadRequest.conflict("stale schedule: " + x.getMessage());
        }
        if (!s.consumedAll()) {
            throw BadRequest.conflict("stale schedule: the program finished before its last decision");
        }
        Kernel k = runner.lastProgram();
        return new At(k, e, s.enabledAfter(), steps(k, decisions, s.kinds(), functions));
    }

    private static List<Step> steps(Kernel k, int[] d, List<Boolean> kinds, List<String> functions) {
        List<Step> out = new ArrayList<>();
        int i = 0;
        while (i < kinds.size()) {
            int from = i++;
            while (i < kinds.size() && !kinds.get(i)) {
                i++;
            }
            int n = out.size() + 1;
            out.add(new Step(n, d[from], k.actors().get(d[from]).name(), functions.get(n - 1), Arrays.copyOfRange(d, from + 1, i), from, i, events(k, n)));
        }
        return out;
    }

    static List<String> events(Kernel k, int step) {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : k.trace) {
            if (e.step() == step) {
                out.add(e.event() instanceof fputsim.model.trace.Event.Step ? e.event().fields() : e.event().name() + ": " + e.event().fields());
            }
        }
        return out;
    }

    /** What stepping {@code actor} after {@code decisions} would do: its events, or the data choice it needs. */
    record Lookahead(List<String> events, int choiceBound) {
    }

    Lookahead lookahead(int[] decisions, int actor) {
        int[] d = Arrays.copyOf(decisions, decisions.length + 1);
        d[decisions.length] = actor;
        PrefixStrategy s = PrefixStrategy.ask(d);
        s.beginSchedule();
        Runner<Kernel> runner = new Runner<>(factory, maxSteps);
        try {
            runner.run(s);
        } catch (PrefixStrategy.ChoiceNeeded c) {
            return new Lookahead(List.of(), c.bound);
        }
        Kernel k = runner.lastProgram();
        return new Lookahead(events(k, k.stepNumber()), 0);
    }

    /** A step taken: the new decisions, or (choiceBound > 0) the data choice it still needs. */
    record Stepped(int[] decisions, int choiceBound) {
    }

    /** Steps {@code actor} after {@code decisions} with {@code values} for its data choices, in order. */
    Stepped step(int[] decisions, int actor, int[] values) {
        int[] d = Arrays.copyOf(decisions, decisions.length + 1 + values.length);
        d[decisions.length] = actor;
        System.arraycopy(values, 0, d, decisions.length + 1, values.length);
        PrefixStrategy s = PrefixStrategy.ask(d);
        s.beginSchedule();
        try {
            new Runner<>(factory, maxSteps).run(s);
        } catch (PrefixStrategy.ChoiceNeeded c) {
            return new Stepped(decisions, c.bound);
        } catch (PrefixStrategy.Stale x) {
            throw BadRequest.bad("this step takes fewer data choices than given (" + x.getMessage() + ")");
        }
        List<Boolean> kinds = s.kinds();
        if (kinds.size() < d.length || kinds.subList(decisions.length + 1, d.length).contains(true)) {
            throw BadRequest.bad("this step takes fewer data choices than given");
        }
        return new Stepped(d, 0);
    }

    /** The current function of a task and the frames below it (outermost first), in kernel names. */
    static List<String> frames(TaskStruct t) {
        List<String> out = new ArrayList<>();
        for (Frame f : t.frames()) {
            out.add(f.function());
        }
        if (out.isEmpty() && t instanceof Kworker w && t.status() == Status.ENABLED) {
            out.add("worker_thread -> process_one_work(" + w.work().function + ")");
        }
        return out;
    }

    /**
     * The token of the schedule so far, completed (when it is unfinished) as lenient replay
     * completes a schedule: the last actor keeps running, without preemption. Strict replay of it
     * ({@code ./fputsim replay}) repeats the student's steps exactly, then that continuation.
     */
    ReplayToken token(int[] decisions) {
        ReplayStrategy r = new ReplayStrategy(decisions, false);
        r.beginSchedule();
        Execution e = new Runner<>(factory, maxSteps).run(r);
        if (e.decisions().length < decisions.length
                || !Arrays.equals(Arrays.copyOf(e.decisions(), decisions.length), decisions)) {
            throw new IllegalStateException("the completed schedule does not start with the student's");
        }
        return Replay.tokenOf(factory, STRATEGY, 0, maxSteps, e);
    }

    /** The step at which the goal was reached in {@code e}, or 0. */
    int reachedAt(Execution e) {
        for (Execution.Violation v : e.violations()) {
            if (v.property() == goal.property()) {
                return v.step();
            }
        }
        return 0;
    }

    /** The reference ledger now (who holds each file and mount reference, and what will drop it). */
    static Ledger.Snapshot ledger(Kernel k) {
        return Ledger.of(k);
    }
}
