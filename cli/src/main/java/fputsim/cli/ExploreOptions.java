package fputsim.cli;

import fputsim.explore.Bounds;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.Strategies;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How to explore, and every bound (all echoed in the report header). */
final class ExploreOptions {
    @Option(names = "--strategy", defaultValue = "dfs", paramLabel = "NAME",
            description = "dfs (exhaustive, DPOR + sleep sets), dfs-sleep, dfs-nopor, random or pct (default: ${DEFAULT-VALUE})")
    String strategy;

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
        if (!Strategies.known(strategy)) {
            throw new UsageError(Suggest.unknown("strategy", strategy, Strategies.NAMES));
        }
        return Strategies.byName(strategy, settings());
    }

    String describe() {
        return Strategies.describe(strategy, settings());
    }

    private Strategies.Settings settings() {
        return new Strategies.Settings(preemptionBound == null ? -1 : preemptionBound, seed, runs, depth, maxSteps);
    }
}
