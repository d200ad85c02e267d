package fputsim.model.check;

import fputsim.explore.Bounds;
import fputsim.explore.Execution;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Program;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Shrinker;
import fputsim.explore.StatefulSearch;
import fputsim.explore.Strategy;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.PctStrategy;
import fputsim.explore.strategy.StatefulStrategy;
import fputsim.model.ModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checking one model configuration: explore it, and for every property a schedule violated, shrink
 * the shortest violating schedule to a witness with its replay token. The one workflow behind
 * {@code fputsim check}, {@code compare}, {@code explain}, {@code report} and {@code merge}, and the
 * exhaustive search kernel-validation's predictions and the benchmarks' counts make. Printing is
 * the caller's business.
 */
public final class ModelCheck {
    private ModelCheck() {
    }

    /** One violated property with its shrunk witness. */
    public record Witness(Tally tally, Execution original, Execution shrunk, int shrinkReplays, ReplayToken token) {
    }

    /** The whole result of one check: the exploration, a witness per violated property, PCT's guarantee or null. */
    public record Result(ModelFactory factory, Exploration exploration, List<Witness> witnesses, String guarantee) {
    }

    /** Explores {@code f} with {@code strategy} within {@code bounds}, then shrinks a witness per violated property. */
    public static Result run(ModelFactory f, Explorer explorer, Strategy strategy, Bounds bounds, long seed, int shrinkAttempts) {
        return result(f, strategy, explorer.explore(f, strategy, bounds), seed, shrinkAttempts);
    }

    /** The result of an exploration {@code e} of {@code f} made with {@code strategy}: its witnesses, shrunk, and PCT's guarantee. */
    public static Result result(ModelFactory f, Strategy strategy, Exploration e, long seed, int shrinkAttempts) {
        return new Result(f, e, witnesses(f, e, seed, shrinkAttempts), guarantee(f, strategy, e));
    }

    /**
     * For every property (probes aside) a schedule of {@code e} violated: its shortest violating
     * schedule, shrunk within {@code shrinkAttempts} replays, and the token that replays it (strategy
     * and max steps of {@code e}, seed {@code seed}).
     */
    public static List<Witness> witnesses(ModelFactory f, Exploration e, long seed, int shrinkAttempts) {
        int maxSteps = e.bounds().maxSteps();
        List<Witness> witnesses = new ArrayList<>();
        for (int i = 0; i < e.tallies().size(); i++) {
            Tally t = e.tallies().get(i);
            if (t.violating() == 0 || ModelFactory.isProbe(t.property())) {
                continue;
            }
            Execution w = t.shortest();
            Shrinker.Result s = new Shrinker<>(f, maxSteps, shrinkAttempts).shrink(w, i);
            ReplayToken token = Replay.tokenOf(f, e.strategy(), seed, maxSteps, s.shrunk());
            witnesses.add(new Witness(t, w, s.shrunk(), s.attempts(), token));
        }
        return witnesses;
    }

    /**
     * The exhaustive search with DPOR and sleep sets, no preemption bound. On the kernel model a run
     * of it that runs out is not a proof (completeness unproven: docs/explorer.md, point 7); its
     * violations are.
     */
    public static <P extends Program> Exploration exhaustive(ProgramFactory<P> f, Bounds bounds) {
        return exhaustive(f, bounds, () -> 0L);
    }

    /** The same, with a time limit in {@code bounds} read on {@code ticker} (nanoseconds). */
    public static <P extends Program> Exploration exhaustive(ProgramFactory<P> f, Bounds bounds, java.util.function.LongSupplier ticker) {
        return new Explorer(ticker, () -> false, s -> { }, Integer.MAX_VALUE)
                .explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), bounds);
    }

    /**
     * PCT's probabilistic guarantee for the runs made (Burckhardt et al. 2010); for the stateful
     * search its states, memory and the probability of a missed state; null for another strategy.
     */
    public static String guarantee(ModelFactory f, Strategy s, Exploration e) {
        if (s instanceof StatefulStrategy st) {
            return StatefulSearch.describe(st);
        }
        if (!(s instanceof PctStrategy pct)) {
            return null;
        }
        int n = f.create().actors().size();
        int k = pct.k();
        long runs = e.stats().schedules();
        return String.format(Locale.ROOT, "PCT guarantee: %d runs find a given depth-%d bug with probability >= %.3g (per run >= 1/(n*k^(d-1)) = %.3g; n=%d actors at start, k=%d steps)",
                runs, pct.depth(), PctStrategy.guarantee(n, k, pct.depth(), runs),
                PctStrategy.perRunProbability(n, k, pct.depth()), n, k);
    }
}
