package fputsim.model;

import fputsim.explore.Execution;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Replay;
import fputsim.explore.Runner;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.RandomStrategy;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Rare kernel paths are reached by the scenarios that motivate them; replay is deterministic. */
class CoverageTest {
    /** Every coverage mark hit by any schedule of a scenario. */
    static Map<String, Integer> marks(String scenario, String config, String variant) {
        ModelFactory f = new ModelFactory(Scenarios.find(scenario),
                config == null ? Scenarios.find(scenario).defaults() : ScenarioConfig.parse(config), Variants.find(variant));
        Runner<Kernel> r = new Runner<>(f, 2000);
        ExhaustiveStrategy dfs = new ExhaustiveStrategy(true, -1);
        Map<String, Integer> all = new TreeMap<>();
        while (dfs.beginSchedule()) {
            r.run(dfs);
            r.lastProgram().marks().forEach((k, v) -> all.merge(k, v, Integer::sum));
        }
        return all;
    }

    @Test
    void scenario02_kthreadFinalFput_takesTheDelayedFputPathFromAKthread() {
        assertThat(marks("02", null, "baseline-6.18")).containsKeys("fput via delayed_fput", "fput from kthread");
    }

    @Test
    void scenario05_lazyUmount_putsTheMountFromAKthreadThroughDelayedMntput() {
        assertThat(marks("05", null, "baseline-6.18")).containsKeys("mntput slow path from kthread", "mntput via delayed_mntput");
    }

    @Test
    void scenario03_normalRing_completionAfterExitGetsEsrchAndFallsBack() {
        assertThat(marks("03", "jobs=1,iodepth=1,defer=0", "baseline-6.18"))
                .containsKeys("task_work_add -ESRCH", "io_uring task_work_add -ESRCH: fallback", "tctx_task_work on PF_EXITING: fallback");
    }

    @Test
    void scenario03_baseline61_neverPuntsTaskWorkOnExit() {
        assertThat(marks("03", "jobs=1,iodepth=1,defer=0", "baseline-6.1")).doesNotContainKey("tctx_task_work on PF_EXITING: fallback");
    }

    @Test
    void replay_anyRandomSchedule_givesTheSameTraceTwice() {
        ProgramFactory<Kernel> f = new ModelFactory(Scenarios.find("03"), ScenarioConfig.parse("jobs=2,iodepth=2,defer=0,iowq=1"),
                Variants.find("baseline-6.18"));
        Runner<Kernel> r = new Runner<>(f, 2000);
        RandomStrategy random = new RandomStrategy(7, 20);
        while (random.beginSchedule()) {
            Execution e = r.run(random);
            java.util.List<fputsim.model.trace.TraceEntry> first = java.util.List.copyOf(r.lastProgram().trace);
            Kernel again = Replay.run(f, Replay.tokenOf(f, "random", random.scheduleSeed(), 2000, e)).program();
            assertThat(again.trace).isEqualTo(first); // entry by entry: step, actor, cpu and the event record
        }
    }

    @Test
    void explore_psyncEngine_neverBusy() {
        assertThat(Kit.explore("03", "jobs=2,iodepth=2,engine=psync", "baseline-6.18").tally("UmountNotBusyAfterReap").violating()).isZero();
    }
}
