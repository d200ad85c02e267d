package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.check.ModelCheck;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import fputsim.model.variant.Baseline618;
import fputsim.model.variant.Variants;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: a fresh kernel, a task to drive by hand, exhaustive exploration. */
final class Kit {
    static final StepContext CX = StepContext.none();

    private Kit() {
    }

    static Kernel kernel() {
        return new Kernel(new Baseline618());
    }

    static TaskStruct task(Kernel k, int pid, String comm) {
        SignalStruct g = new SignalStruct(k.tracker, pid, comm);
        g.threadStarted(false);
        k.processes.add(g);
        return k.addTask(new TaskStruct(k, pid, comm, 0, g));
    }

    /** Steps {@code t} until it has nothing left to run (it must not block). */
    static void runToIdle(TaskStruct t) {
        int guard = 0;
        while (!t.idle()) {
            if (t.status() != Status.ENABLED) {
                throw new AssertionError(t.name() + " blocked in " + t.frames());
            }
            t.step(CX);
            if (++guard > 10_000) {
                throw new AssertionError("runaway");
            }
        }
    }

    /** Steps whatever is enabled, lowest actor first, until nothing is. */
    static void runAll(Kernel k) {
        for (int guard = 0; guard < 100_000; guard++) {
            TaskStruct next = null;
            for (TaskStruct t : k.actors()) {
                if (t.status() == Status.ENABLED) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            next.step(CX);
        }
        throw new AssertionError("runaway");
    }

    static List<Event> events(Kernel k) {
        List<Event> out = new ArrayList<>();
        for (TraceEntry e : k.trace) {
            out.add(e.event());
        }
        return out;
    }

    static Exploration explore(String scenario, String config, String variant) {
        ModelFactory f = new ModelFactory(Scenarios.find(scenario),
                config == null ? Scenarios.find(scenario).defaults() : ScenarioConfig.parse(config), Variants.find(variant));
        return ModelCheck.exhaustive(f, Bounds.defaults());
    }
}
