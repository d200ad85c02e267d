package fputsim.cli;

import fputsim.explore.Bounds;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.explore.strategy.PctStrategy;
import fputsim.explore.strategy.RandomStrategy;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** How to explore, and every bound (all echoed in the report header). */
final class ExploreOptions {
    static final List<String> STRATEGIES = List.of("dfs", "dfs-optimal", "dfs-sleep", "dfs-nopor", "random", "pct");

    @Option(names = "--strategy", defaultValue = "dfs", paramLabel = "NAME",
            description = "dfs (exhaustive, DPOR + sleep sets), dfs-optimal (exhaustive, optimal DPOR: wakeup trees), dfs-sleep, dfs-nopor, random or pct (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "dfs-optimal: search with N threads (same counts and verdicts for any N; default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--preemption-bound", paramLabel = "N", description = "dfs: at most N preemptions per schedule (turns reduction off)")
    Integer preemptionBound;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "seed for random and pct (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", defaultValue = "10000", paramLabel = "N", description = "schedules for random and pct (default: ${DEFAULT-VALUE})")
    long runs;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "D", description = "pct bug depth (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--max-steps", defaultValue = "2000", paramLabel = "N", description = "steps per schedule (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--max-schedules", defaultValue = "10000000", paramLabel = "N", description = "schedules at most (default: ${DEFAULT-VALUE})")
    long maxSchedules;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "stop after this long, e.g. 30s or 2m (default: none)")
    String timeLimit;

    @Option(names = "--stop-at-first", description = "stop at the first violating schedule")
    boolean stopAtFirst;

    @Option(names = "--shrink-attempts", defaultValue = "2000", paramLabel = "N", description = "replays the shrinker may use (default: ${DEFAULT-VALUE})")
    int shrinkAttempts;

    Bounds bounds() {
        if (maxSteps < 1 || maxSchedules < 1 || runs < 1 || depth < 1 || shrinkAttempts < 0) {
            throw new UsageError("--max-steps, --max-schedules, --runs and --depth must be at least 1");
        }
        if (preemptionBound != null && preemptionBound < 0) {
            throw new UsageError("--preemption-bound must not be negative");
        }
        if (preemptionBound != null && !strategy.startsWith("dfs")) {
            throw new UsageError("--preemption-bound applies to dfs strategies only, not " + strategy);
        }
        if (workers < 1) {
            throw new UsageError("--workers must be at least 1");
        }
        if (workers > 1 && !strategy.equals("dfs-optimal")) {
            throw new UsageError("--workers applies to dfs-optimal only, not " + strategy);
        }
        return new Bounds(maxSteps, maxSchedules, timeLimitNanos(), stopAtFirst);
    }

    long timeLimitNanos() {
        if (timeLimit == null) {
            return 0;
        }
        String t = timeLimit.trim().toLowerCase();
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative() || d.isZero()) {
                throw new UsageError("--time-limit must be positive");
            }
            return d.toNanos();
        } catch (NumberFormatException e) {
            throw new UsageError("bad --time-limit '" + timeLimit + "' (use e.g. 500ms, 30s or 2m)");
        }
    }

    Strategy strategy() {
        int pb = preemptionBound == null ? -1 : preemptionBound;
        return switch (strategy) {
            case "dfs" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, pb);
            case "dfs-optimal" -> pb >= 0 ? new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, pb)
                    : workers > 1 ? OptimalStrategy.parallel(workers) : new OptimalStrategy();
            case "dfs-sleep" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, pb);
            case "dfs-nopor" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, pb);
            case "random" -> new RandomStrategy(seed, runs);
            case "pct" -> new PctStrategy(depth, seed, runs, maxSteps);
            default -> throw new UsageError(Suggest.unknown("strategy", strategy, STRATEGIES));
        };
    }

    String describe() {
        if (preemptionBound != null) {
            return strategy + "-pb" + preemptionBound + " (bounded, not exhaustive: every interleaving with at most "
                    + preemptionBound + " preemption" + (preemptionBound == 1 ? "" : "s") + ", no reduction)";
        }
        return switch (strategy) {
            case "dfs" -> "dfs (DPOR + sleep sets; exhaustive unless a bound is reached)";
            case "dfs-optimal" -> "dfs-optimal (optimal DPOR: wakeup trees + source sets"
                    + (workers > 1 ? ", " + workers + " workers" : "") + "; exhaustive unless a bound is reached)";
            case "dfs-sleep" -> "dfs-sleep (sleep sets; exhaustive unless a bound is reached)";
            case "dfs-nopor" -> "dfs-nopor (every interleaving; exhaustive unless a bound is reached)";
            case "random" -> "random (sampled, not exhaustive: " + runs + " runs, seed " + seed + ")";
            default -> "pct (sampled, not exhaustive: depth " + depth + ", " + runs + " runs, seed " + seed + ")";
        };
    }
}
