package fputsim.cli;

import fputsim.explore.Execution;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Shrinker;
import fputsim.explore.Stats;
import fputsim.explore.Tally;
import fputsim.model.Kernel;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.report.TraceText;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Explores one model configuration and renders the result: header, verdicts, statistics, counterexamples. */
final class Checker {
    /** One violated property with its shrunk witness. */
    record Witness(Tally tally, Execution original, Execution shrunk, int shrinkReplays, ReplayToken token) {
    }

    /** The whole result of one check. */
    record Result(ModelFactory factory, Exploration exploration, List<Witness> witnesses, String guarantee) {
    }

    private Checker() {
    }

    static Result run(ModelFactory f, ExploreOptions x, Progress progress) {
        Explorer explorer = new Explorer(System::nanoTime, Interrupt::requested, progress, 64);
        fputsim.explore.Strategy strategy = x.strategy();
        Exploration e = explorer.explore(f, strategy, x.bounds());
        progress.finish();
        List<Witness> witnesses = new ArrayList<>();
        for (int i = 0; i < e.tallies().size(); i++) {
            Tally t = e.tallies().get(i);
            if (t.violating() == 0 || ModelFactory.isProbe(t.property())) {
                continue;
            }
            Execution w = t.shortest();
            Shrinker.Result s = new Shrinker<>(f, x.maxSteps, x.shrinkAttempts).shrink(w, i);
            ReplayToken token = Replay.tokenOf(f, e.strategy(), x.seed, x.maxSteps, s.shrunk());
            witnesses.add(new Witness(t, w, s.shrunk(), s.attempts(), token));
        }
        return new Result(f, e, witnesses, guarantee(f, strategy, e));
    }

    /** PCT's probabilistic guarantee for the runs made (Burckhardt et al. 2010), or null. */
    static String guarantee(ModelFactory f, fputsim.explore.Strategy s, Exploration e) {
        if (!(s instanceof fputsim.explore.strategy.PctStrategy pct)) {
            return null;
        }
        int n = f.create().actors().size();
        int k = pct.k();
        long runs = e.stats().schedules();
        return String.format(Locale.ROOT, "PCT guarantee: %d runs find a given depth-%d bug with probability >= %.3g (per run >= 1/(n*k^(d-1)) = %.3g; n=%d actors at start, k=%d steps)",
                runs, pct.depth(), fputsim.explore.strategy.PctStrategy.guarantee(n, k, pct.depth(), runs),
                fputsim.explore.strategy.PctStrategy.perRunProbability(n, k, pct.depth()), n, k);
    }

    static void header(PrintStream out, ModelFactory f, ExploreOptions x, Exploration e) {
        out.println("fputsim " + VersionProvider.VERSION + ": model " + KernelVersion.MODEL + ", kernel " + f.variant().kernelVersion());
        out.println("scenario  " + f.scenario().key() + ": " + f.scenario().story());
        out.println("config    " + f.config().id());
        out.println("variant   " + f.variant().name() + ": " + f.variant().summary());
        out.println("strategy  " + x.describe());
        out.println("bounds    " + e.bounds().describe() + " shrink-attempts=" + x.shrinkAttempts);
    }

    static void verdicts(PrintStream out, Exploration e) {
        int width = 0;
        for (Tally t : e.tallies()) {
            width = Math.max(width, t.outcome().length());
        }
        for (Tally t : e.tallies()) {
            if (ModelFactory.isProbe(t.property())) {
                continue;
            }
            out.printf(Locale.ROOT, "Observation %-" + width + "s %-9s %d %d%n", t.outcome(), t.verdict(), t.violating(), t.total() - t.violating());
        }
    }

    static String statsLine(Exploration e) {
        Stats s = e.stats();
        String how = !e.exhausted() ? "stopped: " + e.stopped() : e.strategy().startsWith("dfs") ? "exhaustive" : "all runs made";
        return String.format(Locale.ROOT, "Explored %d schedules (%d pruned), %d distinct end states, max depth %d, %.2f s, %.0f schedules/s, %.0f steps/s (%s)",
                s.schedules(), s.pruned(), s.distinctEndStates(), s.maxDepth(), s.elapsedNanos() / 1e9,
                s.schedulesPerSecond(), s.stepsPerSecond(), how);
    }

    static void witness(PrintStream out, ModelFactory f, Witness w, TraceText.Detail detail) {
        out.println();
        out.println("token:     " + w.token().encode());
        out.println("violated:  " + w.tally().property() + " (" + w.tally().outcome() + ")");
        out.printf(Locale.ROOT, "witness:   %d steps, %d preemptions; shrunk to %d steps, %d preemptions (%d replays)%n",
                w.original().steps(), w.original().preemptions(), w.shrunk().steps(), w.shrunk().preemptions(), w.shrinkReplays());
        out.println("replay:    ./fputsim replay " + w.token().encode() + variantClassArg(f));
        Replay.Replayed<Kernel> r = Replay.run(withStates(f, detail), w.token());
        List<String> states = detail == TraceText.Detail.FULL ? r.program().states() : null;
        out.print(TraceText.render(r.program().trace, detail, states));
        List<String> blocked = r.program().blocked();
        if (!blocked.isEmpty()) {
            out.println("blocked at the end (" + r.execution().ending().name().toLowerCase(Locale.ROOT) + "):");
            for (String b : blocked) {
                out.println("  " + b);
            }
        }
    }

    static String variantClassArg(ModelFactory f) {
        String cls = f.variant().getClass().getName();
        return cls.startsWith("fputsim.model.variant.") ? "" : " --variant-class " + cls;
    }

    /** The same factory, whose kernels record the ledger after each step when the detail is full. */
    static fputsim.explore.ProgramFactory<Kernel> withStates(ModelFactory f, TraceText.Detail detail) {
        return detail == TraceText.Detail.FULL ? f.onCreate(Kernel::recordStates) : f;
    }
}
