package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Strategy;
import fputsim.explore.strategy.Strategies;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;

/**
 * The programs and bounds the benchmarks share, built through the public API only, as the CLI's
 * {@code check} builds them (same bounds; strategies by the CLI's names through
 * {@link fputsim.explore.strategy.Strategies}), so that a figure here can be reproduced with
 * {@code ./fputsim check}.
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

    /** A strategy by the CLI's name (see {@link Strategies}), with the CLI's defaults besides {@code seed} and {@code runs}. */
    public static Strategy strategy(String name, long seed, long runs) {
        return Strategies.byName(name, Strategies.Settings.of(seed, runs, Bounds.defaults().maxSteps()));
    }
}
