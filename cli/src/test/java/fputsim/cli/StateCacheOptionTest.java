package fputsim.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --state-cache on}: the stateful search, echoed in the header, counting states, with
 * the same verdicts and exit codes as the stateless search; its statistics give bytes per state
 * and the probability of a missed state.
 */
class StateCacheOptionTest {
    static List<String> words(Cli r) {
        return r.out().lines().filter(l -> l.startsWith("Observation ")).map(l -> l.split(" ")[1] + " " + l.split(" ")[2]).toList();
    }

    @Test
    void check_stateCacheOnAFix_saysNeverInStatesAndExitsZero() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "-q", "--state-cache", "on", "--symmetry", "off");
        Cli plain = Cli.run("check", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "-q");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(words(r)).isEqualTo(words(plain));
        assertThat(r.out()).contains("strategy  dfs-stateful").contains("state-cache=on symmetry=off state-hash=128")
                .contains("Explored ").contains(" states (").contains("bytes per state").contains("wrongly taken as visited <=");
    }

    @Test
    void check_stateCacheOnTheBaseline_findsTheBusyUmountAndExitsOne() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q", "--state-cache", "on", "--state-hash", "64");
        Cli plain = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(words(r)).isEqualTo(words(plain)).contains("umount-busy-after-reap Sometimes");
        assertThat(r.out()).contains("state-hash=64").contains("replay");
    }
}
