package fputsim.tests.verdicts;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.check.ModelCheck;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's exhaustive verdicts (DPOR with sleep sets, herd7 counts) for the small scenario configurations,
 * and the committed expectation they are checked against ({@code expected-verdicts.txt}, one line per scenario x
 * configuration x variant x property: {@code <scenario> <config> <variant> <outcome> <verdict> <violating>
 * <not violating>}). Regenerate on purpose and review the diff:
 * {@code mvn -B -ntp -pl sim-tests verify -Dtest=ExplorerVerdictsTest -Dfputsim.verdicts.write=true}.
 */
public final class ExplorerVerdicts {
    public static final String RESOURCE = "/fputsim/tests/expected-verdicts.txt";
    public static final String SOURCE = "src/test/resources/fputsim/tests/expected-verdicts.txt";

    /** A scenario and configuration small enough for an exhaustive run in about a second. */
    public record Small(String scenario, ScenarioConfig config) {
        public ModelFactory factory(Variant v) {
            return new ModelFactory(Scenarios.find(scenario), config, v);
        }
    }

    /** One expectation line. */
    public record Line(String scenario, String config, String variant, String outcome, String verdict, long violating,
                       long notViolating) {
        static Line parse(String s) {
            String[] f = s.trim().split("\\s+");
            if (f.length != 7) {
                throw new IllegalArgumentException("bad expectation line: " + s);
            }
            return new Line(f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[5]), Long.parseLong(f[6]));
        }

        @Override
        public String toString() {
            return String.join(" ", scenario, config, variant, outcome, verdict, "" + violating, "" + notViolating);
        }

        public boolean fails() {
            return violating > 0;
        }
    }

    private ExplorerVerdicts() {
    }

    public static List<Small> smallConfigurations() {
        ScenarioConfig uring = ScenarioConfig.defaults().withSize(1, 1);
        return List.of(
                new Small("01", Scenarios.find("01").defaults()),
                new Small("02", Scenarios.find("02").defaults()),
                new Small("03", uring),
                new Small("03", ScenarioConfig.defaults().withSize(1, 2)),
                new Small("03", new ScenarioConfig(1, 1, false, true, false, false, 1, "io_uring")),
                new Small("03", new ScenarioConfig(1, 1, false, false, false, false, 0, "io_uring")),
                new Small("03", new ScenarioConfig(1, 1, true, true, false, true, 0, "io_uring")),
                new Small("04", Scenarios.find("04").defaults()),
                new Small("04", new ScenarioConfig(1, 2, true, false, false, false, 0, "libaio")),
                new Small("05", Scenarios.find("05").defaults()),
                new Small("07", Scenarios.find("07").defaults()));
    }

    /** Exhaustive DPOR of one factory; the lines it gives, named as {@code asVariant}. */
    public static List<Line> explore(ModelFactory f, String scenario, String asVariant) {
        Exploration x = ModelCheck.exhaustive(f, new Bounds(2_000, 2_000_000, 0, false));
        if (!x.exhaustive()) {
            throw new IllegalStateException(f.id() + ": exhaustive search did not finish (" + x.completeness().describe() + ")");
        }
        List<Line> out = new ArrayList<>();
        for (Tally t : x.tallies()) {
            out.add(new Line(scenario, f.config().id(), asVariant, t.outcome(), t.verdict().name(), t.violating(),
                    t.total() - t.violating()));
        }
        return out;
    }

    /** Every line for {@code v} over the small configurations. */
    public static List<Line> explore(Variant v, String asVariant) {
        List<Line> out = new ArrayList<>();
        for (Small s : smallConfigurations()) {
            out.addAll(explore(s.factory(v), s.scenario(), asVariant));
        }
        return out;
    }

    public static List<Line> committed() {
        try (InputStream in = ExplorerVerdicts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            List<Line> out = new ArrayList<>();
            for (String s : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!s.isBlank() && !s.startsWith("#")) {
                    out.add(Line.parse(s));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Line> committed(String variant) {
        return committed().stream().filter(l -> l.variant().equals(variant)).toList();
    }

    /** The lines of {@code actual} that differ from {@code expected} (as "expected -> actual"). */
    public static List<String> differences(List<Line> expected, List<Line> actual) {
        List<String> out = new ArrayList<>();
        for (Line e : expected) {
            Line a = actual.stream().filter(l -> l.scenario().equals(e.scenario()) && l.config().equals(e.config())
                    && l.outcome().equals(e.outcome())).findFirst().orElse(null);
            if (a == null || !a.toString().equals(e.toString())) {
                out.add(e + "  ->  " + (a == null ? "missing" : a.verdict() + " " + a.violating() + " " + a.notViolating()));
            }
        }
        return out;
    }
}
