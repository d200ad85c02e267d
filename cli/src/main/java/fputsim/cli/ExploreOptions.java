package fputsim.cli;

import fputsim.explore.Bounds;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.Strategies;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How to explore, and every bound (all echoed in the report header). */
final class ExploreOptions {
    @Option(names = "--strategy", defaultValue = "dfs", paramLabel = "STRATEGY", completionCandidates = Candidates.Strategies.class,
            description = "dfs (DPOR + sleep sets), dfs-optimal (optimal DPOR: wakeup trees), dfs-sleep (sleep sets), dfs-nopor, random or pct"
                    + " (default: ${DEFAULT-VALUE}; compare: dfs-sleep); on the kernel model only dfs-sleep, dfs-nopor and --state-cache on give a proof (docs/explorer.md, point 7)")
    String strategy;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "dfs-optimal, dfs-sleep: search with N threads, sharing the split search's parts by work stealing: for any N >= 2 and any timing the same"
                    + " counts, verdicts and counterexamples (N = 1, the unsplit search, has the same verdicts and end states;"
                    + " dfs-optimal the same complete schedules and fewer pruned); default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--local-steps", paramLabel = "on|off",
            description = "dfs-sleep (and the proofs of check and compare): the local-step rule, a reduction sound by construction: a step that touched no shared object is the only one"
                    + " explored where it ran, and a state where such a step sleeps is cut (docs/explorer.md, \"Local steps\"); off: sleep sets alone (default: on)")
    String localSteps;

    /** Set by compare and check (--prove on): their proofs run dfs-sleep whatever --strategy is, so --local-steps applies to them. */
    boolean provesWithSleepSets;

    @Option(names = "--state-cache", defaultValue = "off", paramLabel = "on|off",
            description = "on: stateful search (sleep sets + a table of visited states, on canonical fingerprints of the tracked state);"
                    + " counts are then of states, not schedules (default: ${DEFAULT-VALUE})")
    String stateCache;

    @Option(names = "--symmetry", paramLabel = "on|off",
            description = "with --state-cache on: merge states that differ by a permutation of the model's interchangeable tasks (fio's jobs) (default: on)")
    String symmetry;

    @Option(names = "--state-hash", paramLabel = "64|128",
            description = "with --state-cache on: fingerprint bits stored per state; 64 is hash compaction; every verdict line of a stateful run states the probability that a state was missed (default: 128)")
    Integer stateHash;

    @Option(names = "--max-states", paramLabel = "N",
            description = "with --state-cache on: states stored at most (memory bound, about 110 bytes a state); reaching it stops the search, bounded (Unseen, exit 4) (default: 50000000)")
    Long maxStates;

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

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "stop after this long, e.g. 30s or 2m (default: none); a --variant-class still running 2 s later is stopped (exit 2)")
    String timeLimit;

    @Option(names = "--stop-at-first", description = "stop at the first violating schedule")
    boolean stopAtFirst;

    @Option(names = "--shrink-attempts", defaultValue = "2000", paramLabel = "N", description = "replays the shrinker may use (default: ${DEFAULT-VALUE})")
    int shrinkAttempts;

    Bounds bounds() {
        atLeast("--max-steps", maxSteps, 1);
        atLeast("--max-schedules", maxSchedules, 1);
        atLeast("--runs", runs, 1);
        atLeast("--depth", depth, 1);
        atLeast("--shrink-attempts", shrinkAttempts, 0);
        if (preemptionBound != null && preemptionBound < 0) {
            throw new UsageError("--preemption-bound must not be negative, got " + preemptionBound);
        }
        if (preemptionBound != null && !strategy.startsWith("dfs")) {
            throw new UsageError("--preemption-bound applies to dfs strategies only, not " + strategy);
        }
        if (workers < 1) {
            throw new UsageError("--workers must be at least 1");
        }
        if (workers > 1 && !strategy.equals("dfs-optimal") && !strategy.equals("dfs-sleep")) {
            throw new UsageError("--workers applies to dfs-optimal and dfs-sleep only, not " + strategy);
        }
        if (workers > 1 && preemptionBound != null) {
            throw new UsageError("--workers cannot be combined with --preemption-bound (a bounded search runs on one thread)");
        }
        localSteps();
        stateful();
        return new Bounds(maxSteps, maxSchedules, timeLimitNanos(), stopAtFirst);
    }

    /** Whether dfs-sleep applies the local-step rule (on unless --local-steps off); the option with another strategy is a usage error. */
    boolean localSteps() {
        if (localSteps == null) {
            return true;
        }
        boolean on = onOff("--local-steps", localSteps);
        if (!(strategy.equals("dfs-sleep") || provesWithSleepSets) || onOff("--state-cache", stateCache)) {
            throw new UsageError("--local-steps applies to --strategy dfs-sleep only (without --state-cache on), not "
                    + (strategy.equals("dfs-sleep") ? "the stateful search" : strategy));
        }
        if (preemptionBound != null) {
            throw new UsageError("--local-steps cannot be combined with --preemption-bound (a bound turns reduction off)");
        }
        return on;
    }

    /** The stateful search's options, or null when --state-cache is off; bad combinations are usage errors. */
    fputsim.explore.strategy.StatefulStrategy.Options stateful() {
        boolean on = onOff("--state-cache", stateCache);
        boolean sym = symmetry == null || onOff("--symmetry", symmetry);
        if (!on) {
            if (symmetry != null || stateHash != null || maxStates != null) {
                throw new UsageError((symmetry != null ? "--symmetry" : stateHash != null ? "--state-hash" : "--max-states")
                        + " applies to the stateful search only: add --state-cache on");
            }
            return null;
        }
        int bits = stateHash == null ? 128 : stateHash;
        long max = maxStates == null ? 50_000_000L : maxStates;
        if (!strategy.equals("dfs") && !strategy.equals("dfs-optimal") && !strategy.equals("dfs-sleep")) {
            throw new UsageError("--state-cache on needs an exhaustive strategy (dfs, dfs-optimal or dfs-sleep), not " + strategy);
        }
        if (preemptionBound != null || workers > 1) {
            throw new UsageError("--state-cache on cannot be combined with " + (workers > 1 ? "--workers" : "--preemption-bound"));
        }
        if (bits != 64 && bits != 128) {
            throw new UsageError("--state-hash must be 64 or 128, got " + bits);
        }
        atLeast("--max-states", max, 1);
        return new fputsim.explore.strategy.StatefulStrategy.Options(sym, bits, max, true);
    }

    static boolean onOff(String option, String value) {
        if (value.equals("on")) {
            return true;
        }
        if (value.equals("off")) {
            return false;
        }
        throw new UsageError(option + " must be on or off, got '" + value + "'");
    }

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UsageError(option + " must be at least " + min + ", got " + value);
        }
    }

    long timeLimitNanos() {
        return timeLimit == null ? 0 : parseTimeLimit(timeLimit, false);
    }

    /**
     * A duration such as 500ms, 30s, 2m or 1h (a bare number is seconds), in nanoseconds. Bad
     * text is a usage error, or 0 when {@code lenient} (the watchdog then leaves it to the command).
     */
    static long parseTimeLimit(String text, boolean lenient) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})(ms|s|m|h)?").matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            if (lenient) {
                return 0;
            }
            throw new UsageError("bad --time-limit '" + text + "' (use e.g. 500ms, 30s, 2m or 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(Duration.ofDays(365)) > 0) {
            if (lenient) {
                return 0;
            }
            throw new UsageError("--time-limit must be more than 0 and at most a year, got '" + text + "'");
        }
        return d.toNanos();
    }

    Strategy strategy() {
        if (!Strategies.known(strategy)) {
            throw new UsageError(Suggest.unknown("strategy", strategy, Strategies.NAMES));
        }
        fputsim.explore.strategy.StatefulStrategy.Options st = stateful();
        if (st != null) {
            return new fputsim.explore.strategy.StatefulStrategy(st);
        }
        return Strategies.byName(strategy, settings());
    }

    /** The strategy {@code name} with these options' settings (workers, seed, ...): compare's proof. */
    Strategy strategy(String name) {
        return Strategies.byName(name, settings());
    }

    String describe() {
        fputsim.explore.strategy.StatefulStrategy.Options st = stateful();
        if (st != null) {
            return "dfs-stateful (stateful search: sleep sets + a table of visited states, " + st.hashBits() + "-bit fingerprints"
                    + (st.hashBits() == 64 ? " (hash compaction)" : "") + ", symmetry " + (st.symmetry() ? "on" : "off")
                    + "; counts are states, not schedules) " + st.describe();
        }
        return Strategies.describe(strategy, settings());
    }

    private Strategies.Settings settings() {
        return new Strategies.Settings(preemptionBound == null ? -1 : preemptionBound, seed, runs, depth, maxSteps, workers,
                localSteps());
    }
}
