package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.explore.Execution;
import fputsim.explore.Replay;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 03 (kill -9 fio; wait; umount) at 1 job x iodepth 1 on real threads, explored by Lincheck's model
 * checker instead of the explorer: the EBUSY ordering must be found on baseline-6.18, and the schedule Lincheck
 * found must replay in the explorer to the same violation; on the fixed variant nothing may be found within the
 * budget (not a proof: runConcurrentTest is not exhaustive).
 */
class ThreadedScenarioLincheckTest {

    static final ScenarioConfig ONE_BY_ONE = ScenarioConfig.defaults().withSize(1, 1);

    static ModelFactory scenario03(Variant v) {
        return new ModelFactory(Scenarios.find("03"), ONE_BY_ONE, v);
    }

    @Test
    void runConcurrentTest_baseline618_findsUmountBusyAfterReap() {
        System.out.println(LincheckBudgets.describeScenario());
        ModelFactory f = scenario03(Variants.find("baseline-6.18"));
        ScenarioUnderLincheck.Outcome o = ScenarioUnderLincheck.search(f,
                List.of(KernelProperty.byName("UmountNotBusyAfterReap")), LincheckBudgets.SCENARIO_FIND_INVOCATIONS);
        assertThat(o.found()).as("Lincheck finds EBUSY after reap on %s within %d invocations", f.id(),
                LincheckBudgets.SCENARIO_FIND_INVOCATIONS).isTrue();
        System.out.printf("Lincheck found the EBUSY ordering in %.1f s:%n%s  replay: ./fputsim replay %s%n",
                o.nanos() / 1e9, o.reportHead(), o.token());
        Replay.Replayed<Kernel> replayed = Replay.run(f, o.replayToken());
        assertThat(replayed.execution().violations()).extracting(Execution.Violation::name)
                .as("the explorer replays Lincheck's schedule to the same violation").contains("UmountNotBusyAfterReap");
        List<KernelProperty> others = KernelProperty.all().stream().filter(p -> !p.name().equals("UmountNotBusyAfterReap")).toList();
        assertThat(CrossEngineAgreementTest.disagreements(f, List.of(), others, 0, LincheckBudgets.AGREEMENT_CLEAN_INVOCATIONS))
                .as("the properties the explorer cannot fail on %s do not fail under Lincheck within %d invocations (not exhaustive)",
                        f.id(), LincheckBudgets.AGREEMENT_CLEAN_INVOCATIONS).isEmpty();
    }

    @Test
    void runConcurrentTest_exitCancel2026_findsNothingWithinBudget() {
        Variant v = Variants.find("exit-cancel-2026");
        Assumptions.assumeTrue(v != null, "variant not merged yet");
        ModelFactory f = scenario03(v);
        ScenarioUnderLincheck.Outcome o = ScenarioUnderLincheck.search(f, List.of(KernelProperty.byName("UmountNotBusyAfterReap"),
                KernelProperty.byName("NoReferenceLeak"), KernelProperty.byName("ExitTerminates")),
                LincheckBudgets.SCENARIO_CLEAN_INVOCATIONS);
        assertThat(o.found()).as("%s: Lincheck found %s", f.id(), o.token()).isFalse();
        System.out.printf("Lincheck found nothing on %s in %d invocations (%.1f s; bounded, not exhaustive)%n",
                f.id(), LincheckBudgets.SCENARIO_CLEAN_INVOCATIONS, o.nanos() / 1e9);
    }

    /** Without Lincheck: the threads' schedules are explorer schedules, with the explorer's verdicts and end states. */
    @Test
    void run_plainThreads_replaysInTheExplorerToTheSameVerdictAndEndState() throws InterruptedException {
        ModelFactory f = scenario03(Variants.find("baseline-6.18"));
        ThreadedScenario scenario = new ThreadedScenario(f, LincheckBudgets.SCENARIO_MAX_STEPS);
        for (int i = 0; i < 30; i++) {
            ThreadedScenario.Result r = scenario.run();
            Replay.Replayed<Kernel> replayed = Replay.run(f, r.token());
            assertThat(replayed.execution().ending()).isEqualTo(r.execution().ending());
            assertThat(replayed.execution().violations()).extracting(Execution.Violation::name)
                    .isEqualTo(r.execution().violations().stream().map(Execution.Violation::name).toList());
            assertThat(replayed.program().fingerprint()).isEqualTo(r.kernel().fingerprint());
        }
    }
}
