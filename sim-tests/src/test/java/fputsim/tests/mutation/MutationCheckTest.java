package fputsim.tests.mutation;

import fputsim.model.Expectations;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.tests.lincheck.LincheckSuite;
import fputsim.tests.property.ModelTheories;
import fputsim.tests.verdicts.ExplorerVerdicts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mutation check: each seeded model bug ({@link Mutants}) is applied as a variant and run through every
 * suite; at least one suite must notice it. Suites: the explorer's exhaustive verdicts and counts against the
 * golden baseline-6.18 rows (sim-model's Expectations), the property-based theories, and (heavy profile, or
 * {@code -Dfputsim.mutation.lincheck=true}) the threaded scenario under Lincheck against the same expectation.
 * Prints a table mutation -> what each suite said.
 */
class MutationCheckTest {
    private static final long SEED = 0x0618_3A7AL;
    private static final int EXAMPLES = 300;
    private static final boolean LINCHECK = Boolean.getBoolean("fputsim.mutation.lincheck")
            || Boolean.getBoolean("fputsim.lincheck.heavy");

    @Test
    void seededModelBugs_eachMutation_isCaughtByAtLeastOneSuite() {
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        List<String> uncaught = new ArrayList<>();
        for (Variant m : Mutants.all()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("explorer-verdicts", explorerVerdicts(m));
            row.put("pbt", pbt(m));
            row.put("lincheck", LINCHECK ? lincheck(m) : "not run (heavy profile)");
            table.put(m.name(), row);
            if (row.values().stream().noneMatch(s -> s.startsWith("CAUGHT"))) {
                uncaught.add(m.name());
            }
        }
        print(table);
        if (!uncaught.isEmpty()) {
            throw new AssertionError("no suite caught " + uncaught);
        }
    }

    static String explorerVerdicts(Variant m) {
        List<String> diff = ExplorerVerdicts.differences(ExplorerVerdicts.committed("baseline-6.18"),
                ExplorerVerdicts.explore(m, "baseline-6.18"));
        return diff.isEmpty() ? "missed" : "CAUGHT: " + diff.size() + " verdict lines differ, e.g. " + diff.get(0);
    }

    static String pbt(Variant m) {
        List<String> caught = new ArrayList<>();
        List<Variant> only = List.of(m);
        record Theory(String name, Runnable run) {
        }
        for (Theory t : List.of(
                new Theory("refcounts-and-task-work", () -> ModelTheories.refcountsAndTaskWork(only, m.name(), SEED, EXAMPLES)),
                new Theory("task-work-batches-newest-first", () -> ModelTheories.taskWorkBatchesRunNewestFirst(only, m.name(), SEED, EXAMPLES)),
                new Theory("replay-twice-same-trace", () -> ModelTheories.replayIsDeterministic(only, m.name(), SEED, EXAMPLES / 2)))) {
            try {
                t.run().run();
            } catch (AssertionError e) {
                caught.add(t.name() + " (" + firstLine(e.getMessage()) + ")");
            }
        }
        return caught.isEmpty() ? "missed" : "CAUGHT: " + String.join("; ", caught);
    }

    /** Lincheck on scenario 03 at 1x1 against the committed baseline verdicts there. */
    static String lincheck(Variant m) {
        Expectations.Case s = new Expectations.Case("03", fputsim.model.scenario.ScenarioConfig.defaults().withSize(1, 1));
        ModelFactory f = s.factory(m);
        List<KernelProperty> can = new ArrayList<>();
        List<KernelProperty> cannot = new ArrayList<>();
        for (Expectations.Row l : ExplorerVerdicts.committed("baseline-6.18")) {
            if (l.scenario().equals("03") && l.config().equals(s.config().id())) {
                (l.fails() ? can : cannot).add(KernelProperty.byName(l.outcome()));
            }
        }
        List<String> d = LincheckSuite.disagreements(f, can, cannot);
        return d.isEmpty() ? "missed" : "CAUGHT: " + d.get(0);
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 160 ? t.substring(0, 160) + "..." : t;
    }

    private static void print(Map<String, Map<String, String>> table) {
        StringBuilder sb = new StringBuilder("mutation check: which suite caught each seeded model bug\n");
        sb.append(String.format(Locale.ROOT, "%-34s %-18s %s%n", "mutation", "suite", "result"));
        for (Map.Entry<String, Map<String, String>> row : table.entrySet()) {
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                String r = cell.getValue();
                sb.append(String.format(Locale.ROOT, "%-34s %-18s %s%n", row.getKey(), cell.getKey(),
                        r.length() > 200 ? r.substring(0, 200) + "..." : r));
            }
        }
        System.out.print(sb);
    }
}
