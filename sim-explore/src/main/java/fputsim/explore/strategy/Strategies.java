package fputsim.explore.strategy;

import fputsim.explore.Strategy;

import java.util.List;

/**
 * The explorer's strategies by name: the one table that the CLI's {@code --strategy} and the benchmarks'
 * {@code strategy} parameter both read, so that a name means the same search everywhere.
 *
 * <ul>
 *   <li>{@code dfs}: exhaustive, DPOR + sleep sets;</li>
 *   <li>{@code dfs-sleep}: exhaustive, sleep sets only;</li>
 *   <li>{@code dfs-nopor}: exhaustive, every interleaving;</li>
 *   <li>{@code random}: {@code runs} uniformly random schedules from {@code seed};</li>
 *   <li>{@code pct}: {@code runs} PCT schedules of bug depth {@code depth} from {@code seed}.</li>
 * </ul>
 */
public final class Strategies {
    /** Every name {@link #byName} accepts, in the order they are offered to users. */
    public static final List<String> NAMES = List.of("dfs", "dfs-sleep", "dfs-nopor", "random", "pct");

    /**
     * What a named strategy is built with besides its name.
     *
     * @param preemptionBound dfs strategies: at most this many preemptions per schedule, -1 for none
     * @param seed            random and pct: the seed
     * @param runs            random and pct: how many schedules
     * @param depth           pct: the bug depth
     * @param maxSteps        pct: the steps per schedule it spreads its priority changes over
     */
    public record Settings(int preemptionBound, long seed, long runs, int depth, int maxSteps) {
        /** No preemption bound, pct depth 3: the CLI's defaults for everything but the seed, runs and steps. */
        public static Settings of(long seed, long runs, int maxSteps) {
            return new Settings(-1, seed, runs, 3, maxSteps);
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
            case "dfs-sleep" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, s.preemptionBound());
            case "dfs-nopor" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, s.preemptionBound());
            case "random" -> new RandomStrategy(s.seed(), s.runs());
            case "pct" -> new PctStrategy(s.depth(), s.seed(), s.runs(), s.maxSteps());
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** One line saying what {@code byName(name, s)} searches, e.g. "random (10000 runs, seed 1)". */
    public static String describe(String name, Settings s) {
        String d = switch (name) {
            case "dfs" -> "dfs (exhaustive, DPOR + sleep sets)";
            case "dfs-sleep" -> "dfs-sleep (exhaustive, sleep sets)";
            case "dfs-nopor" -> "dfs-nopor (exhaustive, every interleaving)";
            case "random" -> "random (" + s.runs() + " runs, seed " + s.seed() + ")";
            case "pct" -> "pct (depth " + s.depth() + ", " + s.runs() + " runs, seed " + s.seed() + ")";
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
        return d + (s.preemptionBound() >= 0 && name.startsWith("dfs") ? ", preemption bound " + s.preemptionBound() : "");
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
