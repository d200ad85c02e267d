package fputsim.model.report;

import fputsim.explore.Execution;
import fputsim.explore.Property;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Runner;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * A replayed schedule with everything the reporters draw: its trace, the ledger after each step,
 * the deferred-work arrows, and the violated properties with the step each failed at. Every
 * reporter (columns, Perfetto JSON, HTML, the narration) takes one of these.
 */
public record Counterexample(String scenario, String config, String variant, String kernel, String token,
                             List<TraceEntry> trace, List<Ledger.Snapshot> ledger, List<Deferrals.Flow> flows,
                             List<Violation> violations, int steps) {

    /** A property that failed: its class name, its outcome name and the first failing step. */
    public record Violation(String property, String outcome, int step) {
    }

    /** Replays {@code token} on {@code f}, recording the ledger after every step. */
    public static Counterexample replay(ModelFactory f, ReplayToken token) {
        Replay.Replayed<Kernel> r = Replay.run(f.onCreate(Ledger::record), token);
        Kernel k = r.program();
        Execution e = r.execution();
        List<Violation> vs = new ArrayList<>();
        for (Execution.Violation v : e.violations()) {
            Property<? super Kernel> p = f.properties().get(v.property());
            vs.add(new Violation(v.name(), p.outcome(), v.step()));
        }
        List<Ledger.Snapshot> ledger = Ledger.history(k);
        return new Counterexample(f.scenario().key(), f.config().id(), f.variant().name(), f.variant().kernelVersion(),
                token.encode(), List.copyOf(k.trace), ledger, Deferrals.of(k.trace, ledger), vs, e.steps());
    }

    /**
     * The schedule to show for a check: the shrunk witness of the first violated property; with no
     * violation, the first schedule of an exhaustive search without reduction (every task runs to
     * completion in creation order), so scenarios that pass can be shown too. Its token carries
     * {@code seed} and the check's max steps.
     */
    public static Counterexample shown(ModelCheck.Result r, long seed) {
        ModelFactory f = r.factory();
        if (!r.witnesses().isEmpty()) {
            return replay(f, r.witnesses().get(0).token());
        }
        int maxSteps = r.exploration().bounds().maxSteps();
        Strategy s = new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1);
        s.beginSchedule();
        Execution e = new Runner<>(f, maxSteps).run(s);
        return replay(f, Replay.tokenOf(f, s.name(), seed, maxSteps, e));
    }

    /** The first violation's step, or -1. */
    public int violationStep() {
        return violations.isEmpty() ? -1 : violations.get(0).step();
    }

    /** The actors in the order they first appear in the trace. */
    public List<String> actors() {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : trace) {
            if (!out.contains(e.actor())) {
                out.add(e.actor());
            }
        }
        for (Ledger.Snapshot s : ledger) {
            if (!s.actor().isEmpty() && !out.contains(s.actor())) {
                out.add(s.actor());
            }
        }
        return out;
    }

    /** One line naming what this is, for titles. */
    public String title() {
        return "scenario " + scenario + ", " + config + ", " + variant + " (Linux " + kernel + ")";
    }
}
