package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Explorer;
import fputsim.explore.Scripted;
import fputsim.explore.Traces;
import fputsim.explore.strategy.ExhaustiveStrategy;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI runs no benchmark for its timing: it checks that the JMH harness is generated and that one
 * benchmark runs (in-process, no warm-up, one short iteration) and reports a result, and that the
 * reduction yardstick counts what it should.
 */
class BenchmarksSmokeTest {
    @Test
    void jmh_oneShortIterationOfRandomThroughput_reportsAResultWithWork() throws Exception {
        Options opt = new OptionsBuilder()
                .include(ThroughputBench.class.getName() + ".random")
                .param("size", "1x1")
                .param("slice", "5")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        assertThat(results).hasSize(1);
        RunResult r = results.iterator().next();
        assertThat(r.getPrimaryResult().getSampleCount()).isPositive();
        assertThat(r.getPrimaryResult().getScore()).isPositive();
        assertThat(r.getSecondaryResults()).containsKeys("steps", "schedules");
        assertThat(r.getSecondaryResults().get("steps").getScore()).isPositive();
    }

    @Test
    void traces_twoLostUpdateIncrements_fourTracesOfSixInterleavingsAndDporExploresFour() {
        List<List<Scripted.Op>> s = Traces.increments(2);
        assertThat(Traces.interleavings(s)).isEqualTo(6);
        assertThat(Traces.traces(s)).isEqualTo(4);
        var x = Explorer.quiet().explore(Scripted.factory("inc2", s), new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.DPOR, -1), Bounds.defaults());
        assertThat(x.stats().schedules() + x.stats().pruned()).isEqualTo(4);
    }

    @Test
    void traces_actorsOnDisjointVariables_oneTrace() {
        List<List<Scripted.Op>> s = List.of(List.of(Scripted.Op.inc(0), Scripted.Op.read(0)), List.of(Scripted.Op.inc(1)));
        assertThat(Traces.interleavings(s)).isEqualTo(3);
        assertThat(Traces.traces(s)).isEqualTo(1);
    }
}
