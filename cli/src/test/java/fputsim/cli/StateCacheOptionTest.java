package fputsim.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --state-cache on}: the stateful search gives the verdicts and exit codes of the
 * stateless one (scenario 03 at 1x1 and 1x2 on three variants, symmetry on and off on two psync
 * jobs), says in its header that it is stateful and with which fingerprint width, never prints a
 * bare Never (every verdict line states the probability of a missed state), and a reached
 * {@code --max-states} is a bound like the others: Unseen, the cut named, exit 4.
 */
class StateCacheOptionTest {
    private static final Pattern OBSERVATION = Pattern.compile("^Observation (\\S+) (\\S+) \\d+ \\d+(.*)$");
    private static final String CAVEAT = " (exhaustive, stateful with 128-bit fingerprints: probability of a missed state <= ";

    /** Each verdict line's outcome and word (the counts differ: states against schedules). */
    static List<String> words(Cli r) {
        List<String> out = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            Matcher m = OBSERVATION.matcher(l);
            if (m.matches()) {
                out.add(m.group(1) + " " + m.group(2));
            }
        }
        return out;
    }

    static Cli check(String size, String variant, String... more) {
        String[] jd = size.split("x");
        List<String> args = new ArrayList<>(List.of("check", "-q", "--jobs", jd[0], "--iodepth", jd[1], "--variant", variant));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Expected verdicts, written out so that a search that agrees with the other but is wrong fails too. */
    /**
     * The words of a DPOR run, with its Unseen read as the Never a proof would give when the only
     * cut was DPOR's unproven reduction (the search ran out): what its schedules showed.
     */
    static List<String> ranOutWords(Cli r) {
        boolean ranOut = r.out().contains("Warning: not a proof (unproven: every schedule of the DPOR search");
        return words(r).stream().map(w -> ranOut ? w.replaceAll(" Unseen$", " Never") : w).toList();
    }

    static List<String> expected(String variant) {
        String busy = variant.equals("exit-cancel-2026") ? "Never" : "Sometimes";
        String hangs = variant.equals("release-wait-naive") ? "Sometimes" : "Never";
        if (variant.equals("release-wait-naive")) {
            busy = "Never";
        }
        return List.of("umount-busy-after-reap " + busy, "mount-busy-after-umount Never", "exit-hangs " + hangs,
                "reference-leak Never", "refcount-negative Never", "task-work-lost-or-twice Never");
    }

    @Test
    void check_statefulAndStateless_sameVerdictsAndExitCodes_scenario03_1x1_1x2() {
        for (String variant : List.of("baseline-6.18", "exit-cancel-2026", "release-wait-naive")) {
            for (String size : List.of("1x1", "1x2")) {
                Cli plain = check(size, variant, "--prove", "off"); // DPOR's own answer (check proves a clean DPOR run by default)
                Cli st = check(size, variant, "--state-cache", "on");
                String at = variant + " " + size;
                boolean clean = expected(variant).stream().allMatch(w -> w.endsWith("Never"));
                assertThat(ranOutWords(plain)).as(at + " stateless\n" + plain.out()).isEqualTo(expected(variant));
                assertThat(words(st)).as(at + " stateful\n" + st.out()).isEqualTo(ranOutWords(plain));
                assertThat(st.code()).as(at + "\n" + st.out()).isEqualTo(clean ? ExitCodes.OK : ExitCodes.VIOLATION);
                assertThat(plain.code()).as(at + "\n" + plain.out()).isEqualTo(clean ? ExitCodes.INCOMPLETE : ExitCodes.VIOLATION);
                assertThat(st.out()).as(at).contains("strategy  dfs-stateful (stateful search: sleep sets + a table of visited states, 128-bit fingerprints, symmetry on;")
                        .contains("state-cache=on symmetry=on state-hash=128 max-states=50000000")
                        .contains("Explored ").contains(" states (").contains("bytes per state")
                        .doesNotContain("Warning: search not completed");
                if (st.code() != ExitCodes.OK) {
                    assertThat(st.out()).as(at).contains("replay:    ./fputsim replay ");
                }
            }
        }
    }

    @Test
    void check_stateful_everyVerdictLineStatesTheMissProbability_theStatelessOneDoesNot() {
        Cli st = check("1x1", "exit-cancel-2026", "--state-cache", "on");
        List<String> lines = st.out().lines().filter(l -> l.startsWith("Observation ")).toList();
        assertThat(lines).hasSize(6).allSatisfy(l -> assertThat(l).matches("Observation \\S+ Never \\d+ \\d+ \\(.*").contains(CAVEAT));
        Cli plain = check("1x1", "exit-cancel-2026", "--prove", "off");
        assertThat(plain.out().lines().filter(l -> l.startsWith("Observation ")).toList()).hasSize(6)
                .allSatisfy(l -> assertThat(l).matches("Observation \\S+ Unseen \\d+ \\d+ \\(unproven: DPOR, see the warning line; not a proof\\)"));
        assertThat(plain.out()).doesNotContain("fingerprints");

        Cli c64 = check("1x1", "exit-cancel-2026", "--state-cache", "on", "--state-hash", "64");
        assertThat(c64.code()).isZero();
        assertThat(c64.out()).contains("64-bit fingerprints (hash compaction), symmetry on;").contains("state-hash=64")
                .contains("Observation umount-busy-after-reap Never ")
                .contains(" (exhaustive, stateful with 64-bit fingerprints (hash compaction): probability of a missed state <= ");
    }

    @Test
    void check_symmetryOnAndOff_sameVerdicts_onMergesStates() {
        Cli on = check("2x1", "baseline-6.18", "--engine", "psync", "--state-cache", "on", "--symmetry", "on");
        Cli off = check("2x1", "baseline-6.18", "--engine", "psync", "--state-cache", "on", "--symmetry", "off");
        Cli plain = check("2x1", "baseline-6.18", "--engine", "psync");
        assertThat(words(on)).isEqualTo(words(off)).isEqualTo(ranOutWords(plain)).hasSize(6);
        assertThat(on.code()).isEqualTo(off.code());
        assertThat(off.out()).contains("symmetry off;").contains("symmetry=off");
        assertThat(states(on)).as("symmetry merges the two jobs' states\n" + on.out()).isLessThan(states(off));
    }

    @Test
    void compare_stateful_cellsAndResultSayStateful() {
        Cli r = Cli.run("compare", "-q", "--jobs", "1", "--iodepth", "1", "--variants", "baseline-6.18,exit-cancel-2026", "--state-cache", "on");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("strategy dfs-stateful (stateful search")
                .contains("| Never (exhaustive, stateful)")
                .contains("stateful: exit-cancel-2026: exhaustive, stateful with 128-bit fingerprints: probability of a missed state <= ")
                .contains("result: the fixes hold: every fix row violates nothing, by an exhaustive stateful search (up to fingerprint collisions");
    }

    static long states(Cli r) {
        Matcher m = Pattern.compile("(?m)^Explored (\\d+) states ").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void check_maxStatesReached_isABound_unseenAndExitFour() {
        Cli r = check("1x2", "exit-cancel-2026", "--state-cache", "on", "--max-states", "100");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(words(r)).hasSize(6).allSatisfy(w -> assertThat(w).endsWith(" Unseen"));
        assertThat(r.out()).contains("Observation umount-busy-after-reap Unseen 0 100 (bounded: max-states 100 reached, the table of visited states is full; not a proof)")
                .contains("Warning: search not completed (bounded: max-states 100 reached")
                .contains("Explored 100 states ")
                .doesNotContain(" Never ");
        // a violation found before the table fills is still a proof: exit 1
        Cli v = check("1x1", "baseline-6.18", "--state-cache", "on", "--max-states", "3000");
        assertThat(v.code()).as(v.out()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(v.out()).contains("Observation umount-busy-after-reap Sometimes ").contains("bounded: max-states 3000 reached")
                .contains("violated:  UmountNotBusyAfterReap");
    }
}
