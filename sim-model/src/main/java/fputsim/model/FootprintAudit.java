package fputsim.model;

import fputsim.explore.Audit;
import fputsim.explore.Bounds;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Tracker;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.check.ModelCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The footprint audit of a model configuration ({@link Audit}: DPOR's outcomes must include
 * every outcome of seeded random schedules, which use no footprints), and the declaration
 * mutation check: each accessor's declaration dropped in turn, as if forgotten, to count how
 * many of the mutants the audit catches and how many change a verdict.
 */
public final class FootprintAudit {
    /** The largest exhaustive search an audit runs (a larger model is refused as too large to audit). */
    public static final long MAX_SCHEDULES = 200_000;
    public static final int MAX_STEPS = 2_000;

    private FootprintAudit() {
    }

    private static Bounds bounds() {
        return new Bounds(MAX_STEPS, MAX_SCHEDULES, 0, false);
    }

    /** The audit of {@code f}: DPOR to exhaustion against {@code samples} random schedules from {@code seed}. */
    public static Audit.Result audit(ModelFactory f, long samples, long seed) {
        return audit(f, f, samples, seed);
    }

    private static Audit.Result audit(ModelFactory f, ProgramFactory<Kernel> programs, long samples, long seed) {
        return Audit.run(programs, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), samples, seed, bounds());
    }


    /** The accessors that declare footprints on {@code f}'s paths, found by running a DPOR search with a discovering tracker. */
    public static Set<String> sites(ModelFactory f) {
        Tracker t = Tracker.discovering();
        ModelCheck.exhaustive(f.withTrackers(() -> t), bounds());
        return new TreeSet<>(t.sites());
    }

    /** One mutant: an accessor whose declarations were dropped. */
    public record Mutant(String site, boolean changesVerdict, boolean caught, String witness) {
    }

    /**
     * Drops each site's declarations in turn on {@code f}: does the mutant's DPOR search change a
     * verdict, and does the audit catch it? Random schedules use no footprints, so they are run
     * once, on the model as it is, and each mutant costs one DPOR search.
     */
    public static List<Mutant> mutate(ModelFactory f, Set<String> sites, long samples, long seed) {
        List<String> truth = verdicts(f, Audit.reduced(f, dpor(), bounds()).outcomes());
        Audit.Sampled sampled = Audit.sampled(f, samples, seed, bounds());
        List<Mutant> out = new ArrayList<>();
        for (String site : sites) {
            ProgramFactory<Kernel> mutant = f.withTrackers(() -> Tracker.mute(site));
            boolean changes;
            Audit.Result r;
            try {
                Audit.Reduced reduced = Audit.reduced(mutant, dpor(), bounds());
                changes = !verdicts(f, reduced.outcomes()).equals(truth);
                r = Audit.compare(reduced, sampled);
            } catch (IllegalStateException e) {
                // the mutant's search blew up (e.g. too large without the declaration): caught, loudly
                out.add(new Mutant(site, true, true, e.getMessage()));
                continue;
            }
            out.add(new Mutant(site, changes, !r.agrees(), r.agrees() ? "" : r.disagreements().get(0).token().encode()));
        }
        return out;
    }

    private static ExhaustiveStrategy dpor() {
        return new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1);
    }

    /** The violated properties of an outcome ({@code Audit}'s "ENDING violates P1 P2 | observation"), space-delimited. */
    private static String violated(String outcome) {
        int from = outcome.indexOf(" violates") + " violates".length();
        int to = outcome.indexOf(" | ", from);
        return outcome.substring(from, to < 0 ? outcome.length() : to) + " ";
    }

    /** Each property's verdict from the set of outcomes reached: violated in none, some or all. */
    private static List<String> verdicts(ModelFactory f, Set<String> outcomes) {
        List<String> v = new ArrayList<>();
        for (var p : f.properties()) {
            long violating = outcomes.stream().filter(o -> violated(o).contains(" " + p.name() + " ")).count();
            v.add(p.outcome() + " " + (violating == 0 ? "Never" : violating == outcomes.size() ? "Always" : "Sometimes"));
        }
        return v;
    }
}
