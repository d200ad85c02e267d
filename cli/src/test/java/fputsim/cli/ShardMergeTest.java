package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** check --shard I/N and merge: the merged verdict equals the unsharded split search. */
class ShardMergeTest {
    static final String[] MODEL = {"--jobs", "1", "--iodepth", "2"};

    @Test
    void merge_threeShards_equalTheUnshardedRun(@TempDir Path dir) {
        for (int i = 0; i < 3; i++) {
            Cli r = Cli.run(args("check", "--strategy", "dfs-optimal", "-q", "--shard", i + "/3", "--json", dir.resolve("s" + i + ".json").toString()));
            assertThat(r.code()).as(r.err()).isZero();
        }
        Cli merged = Cli.run(args("merge", dir.resolve("s0.json").toString(), dir.resolve("s1.json").toString(), dir.resolve("s2.json").toString()));
        Cli whole = Cli.run(args("check", "--strategy", "dfs-optimal", "--workers", "2", "-q"));
        assertThat(merged.code()).isEqualTo(whole.code()).isEqualTo(1); // umount-busy-after-reap is Sometimes on the baseline
        assertThat(verdicts(merged.out())).isEqualTo(verdicts(whole.out())).isNotEmpty();
        assertThat(counts(merged.out())).isEqualTo(counts(whole.out()));
        assertThat(token(merged.out())).isEqualTo(token(whole.out()));
    }

    /**
     * On a fix: merged dfs-sleep shards are a proof (Never, exit 0) equal to the split run on two
     * workers; merged dfs-optimal shards are not (Unseen, exit 4); the two kinds do not mix.
     */
    @Test
    void merge_fixShards_dfsSleepIsAProof_dfsOptimalIsNot(@TempDir Path dir) {
        String[] fix = {"--variant", "exit-cancel-2026", "-q"};
        for (String st : List.of("dfs-sleep", "dfs-optimal")) {
            for (int i = 0; i < 2; i++) {
                Cli r = Cli.run(concat(args("check", "--strategy", st, "--shard", i + "/2", "--json", dir.resolve(st + i + ".json").toString()), fix));
                assertThat(r.code()).as(r.err()).isZero();
            }
        }
        Cli sleep = Cli.run(concat(args("merge", dir.resolve("dfs-sleep0.json").toString(), dir.resolve("dfs-sleep1.json").toString()), "--variant", "exit-cancel-2026"));
        Cli whole = Cli.run(concat(args("check", "--strategy", "dfs-sleep", "--workers", "2"), fix));
        assertThat(sleep.code()).as(sleep.out() + sleep.err()).isZero();
        assertThat(verdicts(sleep.out())).isEqualTo(verdicts(whole.out())).hasSize(6).allMatch(l -> l.matches("Observation \\S+ Never \\d+ \\d+"));
        assertThat(counts(sleep.out())).isEqualTo(counts(whole.out()));
        Cli optimal = Cli.run(concat(args("merge", dir.resolve("dfs-optimal0.json").toString(), dir.resolve("dfs-optimal1.json").toString()), "--variant", "exit-cancel-2026"));
        assertThat(optimal.code()).as(optimal.out() + optimal.err()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(verdicts(optimal.out())).hasSize(6).allMatch(l -> l.contains(" Unseen 0 ") && l.endsWith("(unproven: DPOR, see the warning line; not a proof)"));
        BadInputTest.oneLine(Cli.run(concat(args("merge", dir.resolve("dfs-sleep0.json").toString(), dir.resolve("dfs-optimal1.json").toString()), "--variant", "exit-cancel-2026")),
                "strategy differ");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void check_twoAndFourWorkersRepeated_sameVerdictsCountsAndCounterexample() {
        Cli one = Cli.run(args("check", "--strategy", "dfs-optimal", "-q"));
        Cli first = null;
        for (int rep = 0; rep < 2; rep++) {
            for (String w : List.of("2", "4")) {
                Cli r = Cli.run(args("check", "--strategy", "dfs-optimal", "--workers", w, "-q"));
                first = first == null ? r : first;
                assertThat(r.code()).isEqualTo(1);
                assertThat(verdicts(r.out())).as("%s workers", w).isEqualTo(verdicts(first.out())).isEqualTo(verdicts(one.out()));
                assertThat(counts(r.out())).isEqualTo(counts(first.out()));
                assertThat(token(r.out())).isEqualTo(token(first.out())).isNotEmpty();
            }
        }
        // stopping at the first violation: the first violating schedule in prefix order, whatever the timing
        Cli stop = null;
        for (String w : List.of("2", "4", "2", "4")) {
            Cli r = Cli.run(args("check", "--strategy", "dfs-optimal", "--workers", w, "--stop-at-first", "-q"));
            stop = stop == null ? r : stop;
            assertThat(r.code()).isEqualTo(1);
            assertThat(counts(r.out())).isEqualTo(counts(stop.out()));
            assertThat(token(r.out())).isEqualTo(token(stop.out())).isNotEmpty();
        }
    }

    @Test
    void merge_missingOrForeignShard_isOneLineExit2(@TempDir Path dir) throws Exception {
        Path s0 = dir.resolve("s0.json");
        assertThat(Cli.run(args("check", "--strategy", "dfs-optimal", "-q", "--shard", "0/2", "--json", s0.toString())).code()).isZero();
        BadInputTest.oneLine(Cli.run(args("merge", s0.toString())), "shard 1/2 is missing");
        BadInputTest.oneLine(Cli.run("merge", "--jobs", "2", s0.toString()), "is a shard of");
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"schema\":\"other\"}");
        BadInputTest.oneLine(Cli.run(args("merge", junk.toString())), "is not a shard");
        BadInputTest.oneLine(Cli.run(args("check", "--shard", "0/2", "--json", s0.toString())), "--shard needs --strategy dfs-optimal");
        BadInputTest.oneLine(Cli.run(args("check", "--strategy", "dfs-optimal", "--shard", "2/2", "--json", s0.toString())), "bad --shard");
    }

    static String[] args(String... a) {
        String[] out = new String[a.length + MODEL.length];
        System.arraycopy(a, 0, out, 0, 1);
        System.arraycopy(MODEL, 0, out, 1, MODEL.length);
        System.arraycopy(a, 1, out, 1 + MODEL.length, a.length - 1);
        return out;
    }

    static List<String> verdicts(String out) {
        return out.lines().filter(l -> l.startsWith("Observation")).toList();
    }

    /** "Explored N schedules (M pruned), K distinct end states, max depth D" without the times. */
    static String counts(String out) {
        String line = out.lines().filter(l -> l.contains("Explored")).findFirst().orElse("");
        int cut = line.indexOf(", max depth");
        return line.substring(line.indexOf("Explored"), line.indexOf(',', cut + 1));
    }

    static String token(String out) {
        return out.lines().filter(l -> l.startsWith("token:")).findFirst().orElse("");
    }
}
