package fputsim.tests.verdicts;

import fputsim.model.Expectations;
import fputsim.model.Variant;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;

/**
 * The small cases of sim-model's golden table ({@link Expectations}), those the mutation check and the
 * cross-engine agreement explore (each in about a second), and the comparison of a seeded bug's rows with the
 * committed baseline rows, counts included: a mutation that changes how often, not whether, shows up here.
 */
public final class ExplorerVerdicts {
    private ExplorerVerdicts() {
    }

    public static List<Expectations.Case> smallConfigurations() {
        ScenarioConfig uring = ScenarioConfig.defaults().withSize(1, 1);
        return List.of(
                new Expectations.Case("01", Scenarios.find("01").defaults()),
                new Expectations.Case("02", Scenarios.find("02").defaults()),
                new Expectations.Case("03", uring),
                new Expectations.Case("03", ScenarioConfig.defaults().withSize(1, 2)),
                new Expectations.Case("03", new ScenarioConfig(1, 1, false, true, false, false, 1, "io_uring")),
                new Expectations.Case("03", new ScenarioConfig(1, 1, false, false, false, false, 0, "io_uring")),
                new Expectations.Case("03", new ScenarioConfig(1, 1, true, true, false, true, 0, "io_uring")),
                new Expectations.Case("04", Scenarios.find("04").defaults()),
                new Expectations.Case("04", new ScenarioConfig(1, 2, true, false, false, false, 0, "libaio")),
                new Expectations.Case("05", Scenarios.find("05").defaults()),
                new Expectations.Case("07", Scenarios.find("07").defaults()));
    }

    /** Every row for {@code v} over the small configurations, named as {@code asVariant}. */
    public static List<Expectations.Row> explore(Variant v, String asVariant) {
        return Expectations.derive(v, asVariant, smallConfigurations());
    }

    /** The golden rows of {@code variant} on the small configurations. */
    public static List<Expectations.Row> committed(String variant) {
        List<Expectations.Row> out = new ArrayList<>();
        for (Expectations.Row r : Expectations.golden(variant)) {
            if (smallConfigurations().stream().anyMatch(c -> c.scenario().equals(r.scenario()) && c.config().id().equals(r.config()))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The rows of {@code actual} that differ from {@code expected}, verdict or counts (as "expected -> actual"). */
    public static List<String> differences(List<Expectations.Row> expected, List<Expectations.Row> actual) {
        List<String> out = new ArrayList<>();
        for (Expectations.Row e : expected) {
            Expectations.Row a = actual.stream().filter(l -> l.at().equals(e.at())).findFirst().orElse(null);
            if (a == null || !a.toString().equals(e.toString())) {
                out.add(e.at() + " " + e.verdict() + " " + e.violating() + "/" + e.total() + "  ->  "
                        + (a == null ? "missing" : a.verdict() + " " + a.violating() + "/" + a.total()));
            }
        }
        return out;
    }
}
