package fputsim.explore.strategy;

import fputsim.explore.Strategy;

import java.util.List;

/**
 * The explorer's strategies by name: the one table that the CLI's {@code --strategy} and the benchmarks'
 * {@code strategy} parameter both read, so that a name means the same search everywhere.
 *
 * <ul>
 *   <li>{@code dfs}: DPOR + sleep sets (a proof only where no footprint depends on a value read);</li>
 *   <li>{@code dfs-optimal}: optimal DPOR (wakeup trees, source sets), on {@code workers} threads (the same);</li>
 *   <li>{@code dfs-sleep}: exhaustive, sleep sets and the local-step rule (unless switched off);</li>
 *   <li>{@code dfs-nopor}: exhaustive, every interleaving;</li>
 *   <li>{@code random}: {@code runs} uniformly random schedules from {@code seed};</li>
 *   <li>{@code pct}: {@code runs} PCT schedules of bug depth {@code depth} from {@code seed}.</li>
 * </ul>
 */
public final class Strategies {
    /** Every name {@link #byName} accepts, in the order they are offered to users. */
    public static final List<String> NAMES = List.of("dfs", "dfs-optimal", "dfs-sleep", "dfs-nopor", "random", "pct");

    /**
     * What a named strategy is built with besides its name.
     *
     * @param preemptionBound dfs strategies: at most this many preemptions per schedule, -1 for none
     * @param seed            random and pct: the seed
     * @param runs            random and pct: how many schedules
     * @param depth           pct: the bug depth
     * @param maxSteps        pct: the steps per schedule it spreads its priority changes over
     * @param workers         dfs-optimal, dfs-sleep: threads of the split search (1: sequential)
     * @param localSteps      dfs-sleep: the local-step rule (docs/explorer.md, "Local steps"); false: sleep sets alone
     */
    public record Settings(int preemptionBound, long seed, long runs, int depth, int maxSteps, int workers, boolean localSteps) {
        public Settings(int preemptionBound, long seed, long runs, int depth, int maxSteps) {
            this(preemptionBound, seed, runs, depth, maxSteps, 1);
        }

        public Settings(int preemptionBound, long seed, long runs, int depth, int maxSteps, int workers) {
            this(preemptionBound, seed, runs, depth, maxSteps, workers, true);
        }

        /** No preemption bound, pct depth 3: the CLI's defaults for everything but the seed, runs and steps. */
        public static Settings of(long seed, long runs, int maxSteps) {
            return new Settings(-1, seed, runs, 3, maxSteps, 1);
        }
    }

    private Strategies() {
    }

    /** Whether {@link #byName} accepts {@code name}. */
    public static boolean known(String name) {
        return NAMES.contains(name);
    }

    /**
     * A new strategy by name, built with {@code s}.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static Strategy byName(String name, Settings s) {
        return switch (name) {
            case "dfs" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, s.preemptionBound());
            case "dfs-optimal" -> s.preemptionBound() >= 0 ? new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, s.preemptionBound())
                    : s.workers() > 1 ? OptimalStrategy.parallel(s.workers()) : new OptimalStrategy();
            case "dfs-sleep" -> s.workers() > 1 && s.preemptionBound() < 0 ? OptimalStrategy.parallelSleepSets(s.workers(), s.localSteps())
                    : new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, s.preemptionBound(), s.localSteps());
            case "dfs-nopor" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, s.preemptionBound());
            case "random" -> new RandomStrategy(s.seed(), s.runs());
            case "pct" -> new PctStrategy(s.depth(), s.seed(), s.runs(), s.maxSteps());
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /**
     * One line saying what {@code byName(name, s)} searches and whether it can prove a Never, e.g.
     * "random (sampled, not exhaustive: 10000 runs, seed 1)".
     */
    public static String describe(String name, Settings s) {
        if (s.preemptionBound() >= 0 && name.startsWith("dfs")) {
            return name + "-pb" + s.preemptionBound() + " (bounded, not exhaustive: every interleaving with at most "
                    + s.preemptionBound() + " preemption" + (s.preemptionBound() == 1 ? "" : "s") + ", no reduction)";
        }
        return switch (name) {
            case "dfs" -> "dfs (DPOR + sleep sets; runs out unless a bound is reached, a proof only if no footprint depends on a value read)";
            case "dfs-optimal" -> "dfs-optimal (optimal DPOR: wakeup trees + source sets"
                    + (s.workers() > 1 ? ", " + s.workers() + " workers" : "")
                    + "; runs out unless a bound is reached, a proof only if no footprint depends on a value read)";
            case "dfs-sleep" -> "dfs-sleep (sleep sets" + (s.localSteps() ? " + local steps" : " alone")
                    + (s.workers() > 1 ? ", split search on " + s.workers() + " workers" : "")
                    + "; exhaustive unless a bound is reached)";
            case "dfs-nopor" -> "dfs-nopor (every interleaving; exhaustive unless a bound is reached)";
            case "random" -> "random (sampled, not exhaustive: " + s.runs() + " runs, seed " + s.seed() + ")";
            case "pct" -> "pct (sampled, not exhaustive: depth " + s.depth() + ", " + s.runs() + " runs, seed " + s.seed() + ")";
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The name of the exhaustive strategy with reduction {@code r}. */
    public static String name(ExhaustiveStrategy.Reduction r) {
        return switch (r) {
            case DPOR -> "dfs";
            case SLEEP -> "dfs-sleep";
            case NONE -> "dfs-nopor";
        };
    }
}
