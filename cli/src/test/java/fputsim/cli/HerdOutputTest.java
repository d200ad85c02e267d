package fputsim.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** check's herd7-style output, read by ports of herdtools' own readers ({@link HerdLogReader}). */
class HerdOutputTest {
    static final List<String> OUTCOMES = List.of("umount-busy-after-reap", "mount-busy-after-umount", "exit-hangs",
            "reference-leak", "refcount-negative", "task-work-lost-or-twice");

    @Test
    void herdBlock_exhaustiveViolatingRun_isReadByLexLogAsSixTests() {
        // sleep sets: exhaustive, a proof; the default DPOR search is marked Loop, as a cut run is (not a proof on the model)
        Cli dpor = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--herd", "-q");
        assertThat(HerdLogReader.read(dpor.out())).hasSize(6).allMatch(HerdLogReader.Test::loop);
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--herd", "--strategy", "dfs-sleep", "-q");
        assertThat(r.code()).isEqualTo(1);
        List<HerdLogReader.Test> tests = HerdLogReader.read(r.out());
        assertThat(tests).extracting(HerdLogReader.Test::name).containsExactlyElementsOf(OUTCOMES);
        HerdLogReader.Test busy = tests.get(0);
        assertThat(busy.kind()).isEqualTo("Allow");
        assertThat(busy.validation()).isEqualTo("Ok");
        assertThat(busy.loop()).isFalse();
        assertThat(busy.positive()).isPositive();
        assertThat(busy.negative()).isPositive();
        assertThat(busy.states()).hasSize(2);
        assertThat(busy.states().stream().mapToLong(HerdLogReader.State::occurrences).sum()).isEqualTo(busy.positive() + busy.negative());
        assertThat(busy.states()).extracting(HerdLogReader.State::bindings).contains(Map.of("violated", "1"), Map.of("violated", "0"));
        assertThat(busy.condition()).isEqualTo("exists (violated=1)");
        assertThat(busy.hash()).matches("[0-9a-f]{32}");
        assertThat(busy.time()).isNotNull();
        assertThat(HerdLogReader.trValidate("Allow", busy.kind(), busy.validation())).isEqualTo("Allow");
        HerdLogReader.Test leak = tests.get(3);
        assertThat(leak.validation()).isEqualTo("No");
        assertThat(leak.positive()).isZero();
        assertThat(HerdLogReader.trValidate("Allow", leak.kind(), leak.validation())).isEqualTo("Forbid");
        // log.ml reads each test's Observation word
        assertThat(HerdLogReader.logKinds(r.out())).containsEntry("umount-busy-after-reap", "Allow").containsEntry("reference-leak", "Forbid").hasSize(6);
    }

    @Test
    void herdBlock_boundedRun_marksEveryTestLoopAndNeverSaysNever() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "--max-schedules", "5", "--herd", "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        List<HerdLogReader.Test> tests = HerdLogReader.read(r.out());
        assertThat(tests).hasSize(6).allMatch(HerdLogReader.Test::loop).allMatch(t -> t.validation().equals("No"));
        assertThat(HerdLogReader.extractObs(r.out().lines().toList())).isEqualTo("Unseen");
        // herdtools' Log knows only Never, Sometimes and Always: an Unseen is never taken for a Never
        assertThatThrownBy(() -> HerdLogReader.logKinds(r.out())).isInstanceOf(AssertionError.class).hasMessageContaining("Unseen");
    }

    @Test
    void herdBlock_hashNamesTheTestNotTheVariant() {
        String base = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--herd", "-q").out();
        String fix = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--variant", "exit-cancel-2026", "--herd", "-q").out();
        String other = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--engine", "psync", "--herd", "-q").out();
        String h = HerdLogReader.read(base).get(0).hash();
        assertThat(HerdLogReader.read(fix).get(0).hash()).isEqualTo(h);
        assertThat(HerdLogReader.read(other).get(0).hash()).isNotEqualTo(h);
    }

    @Test
    void observationLines_defaultOutput_splitOnSingleSpaces() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(HerdLogReader.observedNames(r.out())).containsExactlyElementsOf(OUTCOMES);
        assertThat(HerdLogReader.extractObs(r.out().lines().toList())).isEqualTo("Sometimes");
        r.out().lines().filter(l -> l.startsWith("Observation")).forEach(l ->
                assertThat(l.split(" ", -1)).as(l).hasSizeGreaterThanOrEqualTo(5).doesNotContain(""));
        // without Test blocks, herdtools' log tools find no test: the block is --herd's
        assertThat(HerdLogReader.read(r.out())).isEmpty();
    }

    @Test
    void readerPort_paddedLine_isMisreadAsHerdtoolsMisreadIt() {
        // the line check printed before: runs of spaces give empty fields to single-space splitters
        String padded = "Observation umount-busy-after-reap  Sometimes 4 84\n";
        assertThat(HerdLogReader.extractObs(List.of(padded.strip()))).isEmpty();
        assertThat(HerdLogReader.observedNames(padded)).containsExactly("umount-busy-after-reap");
    }

    @Test
    void readerPort_stateLineThatDoesNotLex_rejectsTheLog() {
        String log = "Test t Allowed\nStates 1\n1 :> violated=;\nOk\n";
        assertThatThrownBy(() -> HerdLogReader.read(log)).isInstanceOf(HerdLogReader.LexError.class);
    }
}
