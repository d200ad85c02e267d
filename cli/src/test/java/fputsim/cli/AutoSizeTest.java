package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import fputsim.explore.Bounds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automatic model size of compare and kernel predict: the largest jobs x iodepth (jobs
 * growing at the configured iodepth) whose search finished within the budget,
 * printed with why, and written into the JSON. No test here depends on the machine's speed: the
 * budgets are schedule counts, and the clock is a fake one that does not advance.
 */
class AutoSizeTest {
    @AfterEach
    void restore() {
        Checker.ticker = System::nanoTime;
    }

    /** A trial whose search at j jobs has 10^j schedules and is cut at the budget's schedules. */
    static AutoSize.Trial<String> tenToTheJobs(List<Integer> tried) {
        return (j, d, b) -> {
            tried.add(j);
            long n = (long) Math.pow(10, j);
            boolean done = n <= b.maxSchedules();
            return new AutoSize.Outcome<>(j + "x" + d, done, Math.min(n, b.maxSchedules()), done ? "" : "bounded: max schedules reached");
        };
    }

    @Test
    void choose_growingJobs_picksTheLargestThatFinishedAndNamesTheCutOne() {
        List<Integer> tried = new ArrayList<>();
        AutoSize.Choice<String> c = AutoSize.choose(2, 12, new AutoSize.Budget(0, 5000), Bounds.defaults(), () -> 0L, tenToTheJobs(tried));
        assertThat(tried).containsExactly(1, 2, 3, 4);
        assertThat(c.jobs()).isEqualTo(3);
        assertThat(c.iodepth()).isEqualTo(2);
        assertThat(c.result()).isEqualTo("3x2");
        assertThat(c.line("--jobs", "--iodepth")).isEqualTo("size 3x2 (chosen automatically: the largest that finished within 5000 schedules,"
                + " 1000 schedules in 0.0 s; 4x2 was cut at 5000 schedules (bounded: max schedules reached))");
    }

    @Test
    void choose_timeBudget_saysTheChoiceDependsOnSpeedAndHowToReproduceIt() {
        long[] now = {0};
        AutoSize.Choice<String> c = AutoSize.choose(2, 12, new AutoSize.Budget(60_000_000_000L, 50), Bounds.defaults(),
                () -> now[0] += 1_000_000_000L, tenToTheJobs(new ArrayList<>()));
        assertThat(c.jobs()).isEqualTo(1);
        assertThat(c.line("--model-jobs", "--model-iodepth")).contains("within 1m and 50 schedules, 10 schedules in 1.0 s; 2x2 was cut at 50 schedules")
                .endsWith("; the choice depends on this machine's speed: --model-jobs 1 --model-iodepth 2 reproduces it");
    }

    @Test
    void choose_evenOneJobCut_usesOneJobAndSaysItIsNoProof() {
        AutoSize.Choice<String> c = AutoSize.choose(2, 12, new AutoSize.Budget(0, 5), Bounds.defaults(), () -> 0L, tenToTheJobs(new ArrayList<>()));
        assertThat(c.jobs()).isEqualTo(1);
        assertThat(c.result()).isEqualTo("1x2");
        assertThat(c.line("--jobs", "--iodepth")).contains("even 1 job did not finish within 5 schedules: it was cut at 5 schedules")
                .contains("its verdicts are not proofs");
    }

    @Test
    void choose_everySizeFinished_stopsAtTheConfigurationsJobs() {
        List<Integer> tried = new ArrayList<>();
        AutoSize.Choice<String> c = AutoSize.choose(1, 3, new AutoSize.Budget(0, 1_000_000), Bounds.defaults(), () -> 0L, tenToTheJobs(tried));
        assertThat(tried).containsExactly(1, 2, 3);
        assertThat(c.jobs()).isEqualTo(3);
        assertThat(c.line("--jobs", "--iodepth")).contains("; 3 jobs is the most this configuration has");
    }

    @Test
    void budget_tightensTheCommandsBounds() {
        Bounds b = new AutoSize.Budget(5_000_000_000L, 100).apply(new Bounds(2000, 1000, 0, false));
        assertThat(b.maxSchedules()).isEqualTo(100);
        assertThat(b.timeLimitNanos()).isEqualTo(5_000_000_000L);
        assertThat(new AutoSize.Budget(5_000_000_000L, Long.MAX_VALUE).apply(new Bounds(2000, 1000, 1_000_000_000L, false)).timeLimitNanos())
                .isEqualTo(1_000_000_000L);
    }

    @Test
    void compare_noJobsGiven_usesTheLargestSizeWithinTheBudgetAndWritesItToJson(@TempDir Path dir) throws Exception {
        Checker.ticker = () -> 0L; // the time budget never runs out: the schedule budget decides
        Path json = dir.resolve("c.json");
        String[] args = {"compare", "--variants", "baseline-6.18,exit-cancel-2026", "--strategy", "dfs", "--size-schedules", "500", "-q", "--json", json.toString()};
        Cli r = Cli.run(args);
        // DPOR ran out at 1x2 (which the size budget counts as finished), and the sleep-set search proved the fix's row there
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("proved: exit-cancel-2026 by dfs-sleep (20 schedules, 546 pruned, ");
        // dfs at 1x2: 60 + 20 schedules (model m2); at 2x2 baseline-6.18 has more than 500
        assertThat(r.out()).contains("compare 03-io-uring-kill-umount jobs=1,iodepth=2,")
                .contains("size 1x2 (chosen automatically: the largest that finished within 1m and 500 schedules, 80 schedules in 0.0 s;"
                        + " 2x2 was cut at ")
                .contains("(baseline-6.18: bounded: max schedules 500 reached))");
        assertThat(JsonSchemaTest.validate("compare-v1.schema.json", json)).isEmpty();
        JsonNode size = JsonOutput.MAPPER.readTree(json.toFile()).get("size");
        assertThat(size.get("automatic").asBoolean()).isTrue();
        assertThat(size.get("jobs").asInt()).isEqualTo(1);
        assertThat(size.get("iodepth").asInt()).isEqualTo(2);
        assertThat(size.get("tried")).hasSize(2);
        assertThat(size.get("tried").get(0).get("finished").asBoolean()).isTrue();
        assertThat(size.get("tried").get(1).get("finished").asBoolean()).isFalse();
        assertThat(withoutTimes(Cli.run(args).out())).as("the same choice again").isEqualTo(withoutTimes(r.out()));
    }

    @Test
    void compare_jobsGiven_usesThemAndSaysNothingAutomatic(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("c.json");
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "--variants", "baseline-6.18,exit-cancel-2026", "--strategy", "dfs-sleep",
                "-q", "--json", json.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("jobs=1,iodepth=1,").doesNotContain("chosen automatically");
        JsonNode size = JsonOutput.MAPPER.readTree(json.toFile()).get("size");
        assertThat(size.get("automatic").asBoolean()).isFalse();
        assertThat(size.get("jobs").asInt()).isEqualTo(1);
    }

    @Test
    void compare_scenarioWithoutJobs_runsItsDefaultSize() {
        Cli r = Cli.run("compare", "--scenario", "01", "--variants", "baseline-6.18", "-q");
        assertThat(r.out()).as(r.out() + r.err()).doesNotContain("chosen automatically").contains("compare 01-");
    }

    @Test
    void kernelPredict_noModelJobs_picksASizeAndSaysWhich() {
        Checker.ticker = () -> 0L;
        String[] args = {"kernel", "predict", "--model-only", "--config", "io_uring:12x2", "--model-size-schedules", "100"};
        Cli r = Cli.run(args);
        assertThat(r.out()).as(r.out() + r.err())
                .contains("at the largest size whose search finishes within 1m and 100 schedules per configuration (jobs growing at iodepth 2")
                .containsPattern("io_uring:12x2: model size 1x2 \\(chosen automatically: the largest that finished within 1m and 100 schedules,"
                        + " \\d+ schedules in 0.0 s; 2x2 was cut at 100 schedules \\(bounded: max schedules 100 reached[^)]*\\)\\)");
        assertThat(r.code()).isZero(); // the baseline's Sometimes, proven by its witness
        assertThat(withoutTimes(Cli.run(args).out())).isEqualTo(withoutTimes(r.out()));
    }

    /** The output but its wall-clock line. */
    static String withoutTimes(String out) {
        return out.replaceAll("(?m)^\\d+ variants in [0-9.]+ s$", "");
    }
}
