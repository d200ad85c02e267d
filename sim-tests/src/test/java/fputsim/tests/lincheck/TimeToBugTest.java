package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Strategy;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.PctStrategy;
import fputsim.explore.strategy.RandomStrategy;
import fputsim.model.ModelFactory;
import fputsim.model.props.KernelProperty;
import fputsim.model.variant.Variants;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Time to the first EBUSY-after-reap on scenario 03 at 1 job x iodepth 1 (baseline-6.18), in one JVM: the
 * explorer's strategies (stop at the first violation) against Lincheck's runConcurrentTest on the threaded
 * scenario. A measurement, not a gate (timings never gate tests): runs only with
 * {@code -Dfputsim.timetobug=true}; the figures are in docs/lincheck.md.
 */
class TimeToBugTest {
    private static final int RUNS = 5;

    @Test
    void timeToFirstEbusy_scenario03OneByOne_explorerStrategiesAndLincheck() {
        Assumptions.assumeTrue(Boolean.getBoolean("fputsim.timetobug"), "measurement; run with -Dfputsim.timetobug=true");
        ModelFactory f = ThreadedScenarioLincheckTest.scenario03(Variants.find("baseline-6.18"));
        StringBuilder sb = new StringBuilder("time to first UmountNotBusyAfterReap on " + f.id() + "\n");
        sb.append(String.format(Locale.ROOT, "%-26s %s%n", "engine", "per run: schedules or invocations to the bug, wall ms"));
        explorer(sb, f, "dfs (DPOR), stop at first", () -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), 1);
        explorer(sb, f, "dfs (no reduction)", () -> new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1), 1);
        for (long seed = 1; seed <= RUNS; seed++) {
            long s = seed;
            explorer(sb, f, "random seed " + s, () -> new RandomStrategy(s, 100_000), 1);
        }
        for (long seed = 1; seed <= RUNS; seed++) {
            long s = seed;
            explorer(sb, f, "pct d=3 seed " + s, () -> new PctStrategy(3, s, 100_000, 2_000), 1);
        }
        for (int run = 1; run <= RUNS; run++) {
            ScenarioUnderLincheck.Outcome o = ScenarioUnderLincheck.search(f, List.of(KernelProperty.byName("UmountNotBusyAfterReap")),
                    LincheckBudgets.SCENARIO_FIND_INVOCATIONS);
            assertThat(o.found()).isTrue();
            sb.append(String.format(Locale.ROOT, "%-26s found, %.0f ms%s%n", "lincheck run " + run, o.nanos() / 1e6,
                    run == 1 ? " (includes Lincheck's instrumentation warm-up and its failure report)" : " (includes its failure report)"));
        }
        System.out.print(sb);
    }

    private static void explorer(StringBuilder sb, ModelFactory f, String name, Supplier<Strategy> strategy, int repeat) {
        for (int i = 0; i < 3; i++) { // warm the JIT so the first explorer line is not a JVM start-up figure
            Explorer.quiet().explore(f, strategy.get(), new Bounds(2_000, 100_000, 0, true));
        }
        Explorer timed = new Explorer(System::nanoTime, () -> false, s -> { }, Integer.MAX_VALUE);
        Exploration x = timed.explore(f, strategy.get(), new Bounds(2_000, 100_000, 0, true));
        Tally t = x.tally("UmountNotBusyAfterReap");
        assertThat(t.violating()).isPositive();
        sb.append(String.format(Locale.ROOT, "%-26s schedule %d, %.2f ms%n", name, t.firstAfterSchedules(), t.firstAfterNanos() / 1e6));
    }
}
