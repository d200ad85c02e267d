package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.PctStrategy;
import fputsim.explore.strategy.RandomStrategy;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;

/**
 * The programs and strategies the benchmarks share, built through the public API only, as the
 * CLI's {@code check} builds them (same bounds, same strategy names), so that a figure here can
 * be reproduced with {@code ./fputsim check}.
 */
public final class Models {
    /** The variant measured. The fix variants (exit-cancel-2026) are passed with {@code -p variant=...}. */
    public static final String BASELINE = "baseline-6.18";

    private Models() {
    }

    /** Scenario 03 (kill -9 fio; wait; umount) with {@code size} "JOBSxIODEPTH", e.g. "2x2". */
    public static ModelFactory scenario03(String size, String variant) {
        String[] jd = size.split("x");
        if (jd.length != 2) {
            throw new IllegalArgumentException("size must be JOBSxIODEPTH, e.g. 2x2: " + size);
        }
        ScenarioConfig c = ScenarioConfig.defaults().withSize(Integer.parseInt(jd[0]), Integer.parseInt(jd[1]));
        return ModelFactory.of("03", c, variant);
    }

    /** The CLI's default bounds (2000 steps per schedule, no time limit). */
    public static Bounds bounds(boolean stopOnViolation) {
        return Bounds.defaults().withStopOnViolation(stopOnViolation);
    }

    /**
     * A strategy by the CLI's name: dfs (DPOR + sleep sets), dfs-sleep, dfs-nopor, random, pct
     * (depth 3); {@code runs} bounds random and pct, {@code seed} seeds them.
     */
    public static Strategy strategy(String name, long seed, long runs) {
        return switch (name) {
            case "dfs" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1);
            case "dfs-sleep" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1);
            case "dfs-nopor" -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1);
            case "random" -> new RandomStrategy(seed, runs);
            case "pct" -> new PctStrategy(3, seed, runs, Bounds.defaults().maxSteps());
            default -> throw new IllegalArgumentException("unknown strategy " + name);
        };
    }

    /** The CLI name of a reduction's exhaustive strategy. */
    public static String dfsName(ExhaustiveStrategy.Reduction r) {
        return switch (r) {
            case DPOR -> "dfs";
            case SLEEP -> "dfs-sleep";
            case NONE -> "dfs-nopor";
        };
    }
}
