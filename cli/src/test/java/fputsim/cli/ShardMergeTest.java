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
