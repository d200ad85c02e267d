package fputsim.tests.lincheck;

import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.model.variant.Variants;
import fputsim.model.Expectations;
import fputsim.tests.verdicts.ExplorerVerdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cross-engine agreement: for scenario x variant small enough, the explorer's exhaustive verdict (can the
 * property fail: yes/no) and Lincheck's on the threaded scenario agree. A property the explorer can fail must be
 * found by Lincheck within its find budget (the schedule it found replays in the explorer, see
 * {@link ThreadedScenarioLincheckTest}); the properties the explorer cannot fail must not fail in Lincheck's clean
 * budget. Lincheck's runConcurrentTest is never exhaustive, so its "no" means "none in N invocations", and each
 * message says so. Default: baseline-6.18 and exit-cancel-2026 (when registered); heavy: every variant.
 * Measured gap: 02's EBUSY (1 of 3 exhaustive schedule classes; 2% of plain JVM runs of the adapter) was found by
 * Lincheck neither in 100 invocations nor in a 15-minute run, so for 02 only the "cannot fail" side is checked
 * ({@link #OUT_OF_REACH}); the test prints that the other side was not checked, and why.
 */
class CrossEngineAgreementTest {

    static List<Variant> variants() {
        if (LincheckBudgets.HEAVY) {
            return Variants.all();
        }
        List<Variant> v = new ArrayList<>();
        for (String name : List.of("baseline-6.18", "exit-cancel-2026")) {
            if (Variants.find(name) != null) {
                v.add(Variants.find(name));
            }
        }
        return v;
    }

    /** Scenarios whose violations Lincheck's bounded search does not reach (measured), with the reason printed. */
    static final java.util.Map<String, String> OUT_OF_REACH = java.util.Map.of("02",
            "Lincheck found 02's EBUSY neither in 100 invocations nor in a 15-minute run (docs/lincheck.md)");

    /**
     * Heavy: 01, 02, 03 at 1 job x iodepth 1, 04 buffered and direct, 05. Default (CI, 2 cores): 01 and 02, since
     * one Lincheck invocation of the threaded model costs about a second (docs/lincheck.md); 03 at 1x1 is checked
     * by {@link ThreadedScenarioLincheckTest} in every profile (baseline: EBUSY found, nothing else; the fix:
     * nothing).
     */
    static List<Expectations.Case> configurations() {
        return ExplorerVerdicts.smallConfigurations().stream()
                .filter(s -> !s.scenario().equals("03") || s.config().equals(ThreadedScenarioLincheckTest.ONE_BY_ONE))
                .filter(s -> LincheckBudgets.HEAVY || List.of("01", "02").contains(s.scenario()))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> verdicts_smallScenarios_explorerAndLincheckAgree() {
        System.out.println(LincheckBudgets.describeScenario() + "; agreement clean budget " + LincheckBudgets.AGREEMENT_CLEAN_INVOCATIONS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : variants()) {
            for (Expectations.Case s : configurations()) {
                ModelFactory f = s.factory(v);
                tests.add(DynamicTest.dynamicTest(f.id(), () -> agree(f, s.scenario())));
            }
        }
        return tests.stream();
    }

    static void agree(ModelFactory f, String scenario) {
        List<KernelProperty> can = new ArrayList<>();
        List<KernelProperty> cannot = new ArrayList<>();
        for (Expectations.Row l : Expectations.derive(f, scenario, f.variant().name())) {
            (l.fails() ? can : cannot).add(KernelProperty.byName(l.outcome()));
        }
        String outOfReach = OUT_OF_REACH.get(scenario);
        List<String> disagreements = disagreements(f, outOfReach == null ? can : List.of(), cannot,
                LincheckBudgets.SCENARIO_FIND_INVOCATIONS, LincheckBudgets.AGREEMENT_CLEAN_INVOCATIONS);
        System.out.printf("agreement %s: explorer can fail %s; Lincheck %s%s%n", f.id(), can,
                disagreements.isEmpty() ? "agrees" : "disagrees",
                outOfReach == null || can.isEmpty() ? "" : " on the properties that cannot fail; not checked that it finds "
                        + can + ": " + outOfReach);
        if (!disagreements.isEmpty()) {
            throw new AssertionError(f.id() + ": explorer and Lincheck disagree:\n  " + String.join("\n  ", disagreements));
        }
    }

    /** Empty when Lincheck finds every property in {@code can} and none in {@code cannot} within its budgets. */
    public static List<String> disagreements(ModelFactory f, List<? extends KernelProperty> can, List<? extends KernelProperty> cannot,
                                      int findBudget, int cleanBudget) {
        List<String> out = new ArrayList<>();
        for (KernelProperty p : can) {
            ScenarioUnderLincheck.Outcome o = ScenarioUnderLincheck.search(f, List.<fputsim.explore.Property<? super Kernel>>of(p), findBudget);
            if (!o.found()) {
                out.add(p.name() + ": the explorer finds a violating schedule, Lincheck none in " + findBudget + " invocations");
            }
        }
        if (!cannot.isEmpty()) {
            ScenarioUnderLincheck.Outcome o = ScenarioUnderLincheck.search(f, cannot, cleanBudget);
            if (o.found()) {
                out.add("exhaustive search says none of " + cannot + " can fail, Lincheck found one: " + o.reportHead()
                        + "  replay: ./fputsim replay " + o.token());
            }
        }
        return out;
    }
}
