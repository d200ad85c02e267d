package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one clear line on stderr, exit 2, never a stack trace. */
class BadInputTest {
    static void oneLine(Cli r, String contains) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains(contains).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void check_unknownScenario_suggestsTheClosestName() {
        oneLine(Cli.run("check", "--scenario", "io-uring-kil-umount"), "unknown scenario 'io-uring-kil-umount' (did you mean io-uring-kill-umount?)");
    }

    @Test
    void check_unknownVariant_suggestsTheClosestName() {
        oneLine(Cli.run("check", "--variant", "baseline-6.17"), "unknown variant 'baseline-6.17' (did you mean");
    }

    @Test
    void check_outOfRangeJobs_isRefused() {
        oneLine(Cli.run("check", "--jobs", "0"), "jobs must be in 1..16, got 0");
    }

    @Test
    void check_contradictoryOptions_areRefused() {
        oneLine(Cli.run("check", "--sqpoll", "--iowq", "1"), "sqpoll and iowq cannot be combined");
        oneLine(Cli.run("check", "--strategy", "random", "--preemption-bound", "1"), "--preemption-bound applies to dfs strategies only");
    }

    /** --fio-loop (issue 16 finding 6): out of range, not a number, with a ring it is not modelled for, or on a scenario without fio's loop. */
    @Test
    void check_badFioLoop_isRefused() {
        oneLine(Cli.run("check", "--fio-loop", "-1"), "fio-loop must be in 0..256, got -1");
        oneLine(Cli.run("check", "--fio-loop", "257"), "fio-loop must be in 0..256, got 257");
        oneLine(Cli.run("check", "--fio-loop", "two"), "--fio-loop");
        oneLine(Cli.run("check", "--fio-loop", "1", "--sqpoll"), "fio-loop needs engine io_uring without sqpoll and iowq");
        oneLine(Cli.run("check", "--fio-loop", "1", "--iowq", "1"), "fio-loop needs engine io_uring without sqpoll and iowq");
        oneLine(Cli.run("check", "--fio-loop", "1", "--engine", "psync"), "--fio-loop is an io_uring setting");
        oneLine(Cli.run("check", "--fio-loop", "1", "--scenario", "01"), "does not run fio's I/O loop");
    }

    /** The loop is echoed in the header's config line (and so in the token); 0 leaves both as they were. */
    @Test
    void check_fioLoop_isEchoedInTheHeader() {
        Cli on = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--fio-loop", "1");
        assertThat(on.out()).contains("config    jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring,fioLoop=1\n")
                .contains("Observation umount-busy-after-reap Sometimes 8 18");
        Cli off = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--fio-loop", "0");
        assertThat(off.out()).contains("config    jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring\n")
                .contains("Observation umount-busy-after-reap Sometimes 4 6");
    }

    @Test
    void check_unknownStrategyAndBadTimeLimit_areRefused() {
        oneLine(Cli.run("check", "--strategy", "bfs"), "unknown strategy 'bfs'");
        oneLine(Cli.run("check", "--time-limit", "soon"), "bad --time-limit 'soon'");
    }

    @Test
    void check_nonNumericOption_isAUsageError() {
        oneLine(Cli.run("check", "--jobs", "two"), "--jobs");
    }

    @Test
    void replay_malformedToken_isRefused() {
        oneLine(Cli.run("replay", "hello"), "not a replay token");
    }

    @Test
    void replay_tokenOfAnotherModelVersion_isRefused() {
        String t = new fputsim.explore.ReplayToken("m0", "03/jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring/baseline-6.18",
                "dfs", 1, 2000, new int[]{1, 2}).encode();
        oneLine(Cli.run("replay", t), "made by model version m0, this is m3");
    }

    @Test
    void replay_corruptToken_isRefused() {
        String t = new fputsim.explore.ReplayToken("m1", "03/jobs=1/baseline-6.18", "dfs", 1, 2000, new int[]{1, 2}).encode();
        oneLine(Cli.run("replay", t.replace("dfs", "dfz")), "corrupt");
    }

    @Test
    void check_variantClassMissingOrWrong_isRefused() {
        oneLine(Cli.run("check", "--variant-class", "com.example.Nope"), "variant class com.example.Nope not found");
        oneLine(Cli.run("check", "--variant-class", "java.lang.String"), "does not extend fputsim.model.Variant");
    }

    @Test
    void check_unwritableJsonPath_isRefused(@TempDir Path dir) {
        oneLine(Cli.run("check", "--json", dir.resolve("no/such/dir/r.json").toString()), "cannot write");
    }

    @Test
    void list_unknownKind_isRefused() {
        oneLine(Cli.run("list", "scenario"), "unknown list 'scenario' (did you mean scenarios?)");
    }
}
