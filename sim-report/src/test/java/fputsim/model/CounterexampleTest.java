package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Execution;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.explore.Shrinker;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.report.TraceText;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import fputsim.model.variant.Variants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical counterexamples of scenario 03 on both baselines: their causal shape is pinned (a
 * model change that finds EBUSY for a wrong reason fails), and their traces are golden files
 * replayed byte for byte from their committed tokens. Regenerate on purpose with
 * {@code -Dfputsim.golden.update=true} and review the diff.
 */
class CounterexampleTest {
    static Path golden(String variant) {
        return Path.of("src/test/resources/golden/03-1x1-" + variant + ".trace");
    }

    static ModelFactory factory(String variant) {
        return new ModelFactory(Scenarios.find("03"), ScenarioConfig.parse("jobs=1,iodepth=1"), Variants.find(variant));
    }

    static Execution shrunk(ModelFactory f) {
        Exploration x = Explorer.quiet().explore(f, new ExhaustiveStrategy(true, -1), Bounds.defaults());
        Tally t = x.tally("UmountNotBusyAfterReap");
        return new Shrinker<>(f, 2000, 2000).shrink(t.shortest(), 0).shrunk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline-6.18", "baseline-6.1"})
    void shrunkCounterexample_baseline_hasTheCausalShapeOfTheBug(String variant) {
        ModelFactory f = factory(variant);
        Kernel k = Replay.run(f, Replay.tokenOf(f, "dfs", 1, 2000, shrunk(f))).program();
        List<TraceEntry> t = k.trace;
        int kill = first(t, e -> e instanceof Event.SignalDelivered);
        int exitWork = first(t, e -> e instanceof Event.WorkQueued w && w.function().equals("io_ring_exit_work"));
        int fio = k.subject().tgid; // the killed process, as the scenario names it
        int reaped = first(t, e -> e instanceof Event.WaitReturned w && w.pid() == fio);
        int ebusy = first(t, e -> e instanceof Event.UmountReturned u && u.errno() == -Errno.EBUSY);
        int finalPut = first(t, e -> e instanceof Event.FileReleased r && r.file().startsWith("foo"));
        assertThat(kill).isNotNegative();
        assertThat(exitWork).as("ring release queues the exit work").isGreaterThan(kill);
        assertThat(reaped).as("process reaped after the exit work was queued").isGreaterThan(exitWork);
        assertThat(ebusy).as("umount EBUSY after the reap").isGreaterThan(reaped);
        assertThat(finalPut).as("the data file's last reference is dropped later").isGreaterThan(ebusy);
        int deferred = first(t, e -> e instanceof Event.FinalFput p && p.file().startsWith("foo") && p.context().equals("delayed_fput"));
        assertThat(deferred).as("on its way through delayed_fput").isNotNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline-6.18", "baseline-6.1"})
    void goldenCounterexample_replayedFromItsToken_printsTheCommittedTraceByteForByte(String variant) throws IOException {
        ModelFactory f = factory(variant);
        Path p = golden(variant);
        if (Boolean.getBoolean("fputsim.golden.update")) {
            ReplayToken token = Replay.tokenOf(f, "dfs", 1, 2000, shrunk(f));
            Kernel k = Replay.run(f, token).program();
            Files.writeString(p, "# token " + token.encode() + "\n" + TraceText.render(k.trace, TraceText.Detail.STEPS, null));
        }
        List<String> lines = Files.readAllLines(p);
        ReplayToken token = ReplayToken.decode(lines.get(0).substring("# token ".length()));
        String expected = String.join("\n", lines.subList(1, lines.size())) + "\n";
        Replay.Replayed<Kernel> r = Replay.run(f, token);
        assertThat(TraceText.render(r.program().trace, TraceText.Detail.STEPS, null)).isEqualTo(expected);
        assertThat(r.execution().violations()).extracting(Execution.Violation::name).contains("UmountNotBusyAfterReap");
    }

    static int first(List<TraceEntry> t, Predicate<Event> p) {
        for (int i = 0; i < t.size(); i++) {
            if (p.test(t.get(i).event())) {
                return i;
            }
        }
        return -1;
    }
}
