package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Tally;
import fputsim.explore.Verdict;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one source of truth for expected verdicts. Each variant declares what it expects on its
 * class ({@link Expect}); the golden table ({@link #RESOURCE}) holds what the explorer's exhaustive
 * search (DPOR with sleep sets) gives for every case x registered variant x property, with its
 * counts. sim-model's ExpectedVerdictsTest re-derives the table and checks it, and checks every
 * row against the variant's declaration; the mutation check in sim-tests compares a seeded bug's
 * counts against the baseline's rows. Regenerate on purpose and review the diff:
 * {@value #UPDATE}.
 */
public final class Expectations {
    /** The golden table on the class path; {@link #SOURCE} in sim-model's tree. */
    public static final String RESOURCE = "/fputsim/model/expected-verdicts.tsv";
    public static final String SOURCE = "src/main/resources/fputsim/model/expected-verdicts.tsv";
    public static final String UPDATE = "mvn -B -o -pl sim-model -am test -Dtest=ExpectedVerdictsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfputsim.golden.update=true";

    /** A scenario and one configuration of it, small enough to search exhaustively. */
    public record Case(String scenario, ScenarioConfig config) {
        public static Case of(String scenario, String spec) {
            return new Case(scenario, spec == null ? Scenarios.find(scenario).defaults() : ScenarioConfig.parse(spec));
        }

        public ModelFactory factory(Variant v) {
            return new ModelFactory(Scenarios.find(scenario), config, v);
        }
    }

    /** The cases of the golden table, in its order. */
    public static final List<Case> CASES = List.of(
            Case.of("01", null), Case.of("02", null), Case.of("04", null),
            Case.of("04", "jobs=1,iodepth=2,direct=1,defer=0,engine=libaio"), Case.of("05", null), Case.of("06", null),
            Case.of("07", null),
            Case.of("08", null), Case.of("08", "jobs=1,iodepth=1,fixed=1"), Case.of("08", "jobs=2,iodepth=1,fixed=1"),
            Case.of("08", "jobs=1,iodepth=1,sqpoll=1,defer=0,fixed=1"),
            Case.of("09", null), Case.of("09", "jobs=1,iodepth=1,defer=0"), Case.of("09", "jobs=1,iodepth=2"),
            Case.of("03", "jobs=1,iodepth=1"), Case.of("03", "jobs=1,iodepth=2"), Case.of("03", "jobs=2,iodepth=1"),
            Case.of("03", "jobs=1,iodepth=1,defer=0"), Case.of("03", "jobs=1,iodepth=2,defer=0"),
            Case.of("03", "jobs=1,iodepth=1,direct=1"), Case.of("03", "jobs=1,iodepth=1,fixed=1"),
            Case.of("03", "jobs=1,iodepth=1,direct=1,fixed=1"), Case.of("03", "jobs=1,iodepth=1,iowq=1"),
            Case.of("03", "jobs=1,iodepth=1,defer=0,iowq=1"), Case.of("03", "jobs=1,iodepth=1,sqpoll=1,defer=0"),
            Case.of("03", "jobs=1,iodepth=1,engine=psync"),
            Case.of("03", "jobs=1,iodepth=1,fioLoop=1"), Case.of("03", "jobs=1,iodepth=2,fioLoop=1"));

    /** One row of the golden table: a case, a variant, a property's outcome, its verdict and counts. */
    public record Row(String scenario, String config, String variant, String outcome, Verdict verdict, long violating,
                      long total) {
        static Row parse(String s) {
            String[] f = s.split("\t");
            if (f.length != 7) {
                throw new IllegalArgumentException("bad golden row (7 tab-separated fields): " + s);
            }
            return new Row(f[0], f[1], f[2], f[3], Verdict.valueOf(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
        }

        public boolean fails() {
            return violating > 0;
        }

        /** The row's case key: scenario, configuration id, property. */
        public String at() {
            return scenario + " " + config + " " + outcome;
        }

        @Override
        public String toString() {
            return String.join("\t", scenario, config, variant, outcome, verdict.name(), Long.toString(violating),
                    Long.toString(total));
        }
    }

    /** What a variant expects of one row, and why (its declaration, or the default). */
    public record Declared(Verdict verdict, String reason, Expect by) {
    }

    private Expectations() {
    }

    /** The golden table's header lines. */
    public static List<String> header() {
        return List.of("# Exhaustive explorer verdicts (DPOR + sleep sets) of every case x registered variant x property, with",
                "# counts (violating schedules, schedules). Checked by sim-model's ExpectedVerdictsTest, against the explorer",
                "# and against each variant's @Expect declarations. Regenerate on purpose and review the diff:",
                "#   " + UPDATE,
                "# scenario\tconfig\tvariant\toutcome\tverdict\tviolating\ttotal");
    }

    /** Exhaustive DPOR of one factory; its rows, named as {@code asVariant}. */
    public static List<Row> derive(ModelFactory f, String scenario, String asVariant) {
        Exploration x = Explorer.quiet().explore(f, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), Bounds.defaults());
        if (!x.completeness().finished()) { // DPOR: every schedule it asks for ran, which is what this table records
            throw new IllegalStateException(f.id() + ": exhaustive search did not finish (" + x.completeness().describe() + ")");
        }
        List<Row> out = new ArrayList<>();
        for (Tally t : x.tallies()) {
            out.add(new Row(scenario, f.config().id(), asVariant, t.outcome(), t.verdict(), t.violating(), t.total()));
        }
        return out;
    }

    /** Every row for {@code v} over {@code cases}, named as {@code asVariant}. */
    public static List<Row> derive(Variant v, String asVariant, List<Case> cases) {
        List<Row> out = new ArrayList<>();
        for (Case c : cases) {
            out.addAll(derive(c.factory(v), c.scenario(), asVariant));
        }
        return out;
    }

    /** The committed golden table. */
    public static List<Row> golden() {
        try (InputStream in = Expectations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a golden table's lines (comments and blank lines skipped). */
    public static List<Row> parse(List<String> lines) {
        List<Row> out = new ArrayList<>();
        for (String s : lines) {
            if (!s.isBlank() && !s.startsWith("#")) {
                out.add(Row.parse(s));
            }
        }
        return out;
    }

    /** The committed rows of one variant. */
    public static List<Row> golden(String variant) {
        return golden().stream().filter(r -> r.variant().equals(variant)).toList();
    }

    /** The variant's declarations, in order (not inherited). */
    public static List<Expect> declarations(Variant v) {
        return Arrays.asList(v.patch().getClass().getDeclaredAnnotationsByType(Expect.class));
    }

    /** Does {@code e} select the row's scenario, configuration and property? */
    public static boolean selects(Expect e, Row r) {
        if (!e.scenario().equals(r.scenario()) || !e.property().equals(r.outcome())) {
            return false;
        }
        if (e.config().isEmpty()) {
            return true;
        }
        List<String> fields = Arrays.asList(r.config().split(","));
        for (String want : e.config().split(",")) {
            if (!fields.contains(want.trim())) {
                return false;
            }
        }
        return true;
    }

    /** What {@code declarations} expect of the row: the first that selects it, else Never. */
    public static Declared declared(List<Expect> declarations, Row r) {
        for (Expect e : declarations) {
            if (selects(e, r)) {
                return new Declared(e.verdict(), e.reason(), e);
            }
        }
        return new Declared(Verdict.Never, "no declaration selects it: Never", null);
    }

    /**
     * The rows whose verdict the declarations do not expect, and the declarations that select no row
     * (stale or misspelt), one line each; empty when they agree.
     */
    public static List<String> disagreements(List<Expect> declarations, List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            Declared d = declared(declarations, r);
            if (d.verdict() != r.verdict()) {
                out.add(r.variant() + " " + r.at() + ": declared " + d.verdict() + " (" + d.reason() + "), the explorer says "
                        + r.verdict() + " (" + r.violating() + "/" + r.total() + ")");
            }
        }
        for (Expect e : declarations) {
            if (rows.stream().noneMatch(r -> declared(declarations, r).by() == e)) {
                out.add("@Expect(scenario=\"" + e.scenario() + "\", config=\"" + e.config() + "\", property=\"" + e.property()
                        + "\") decides no row of the golden table");
            }
        }
        return out;
    }
}
