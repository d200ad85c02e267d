package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a search that ran every schedule to its end says Never and exits 0. Every other run says
 * Unseen, names what cut it on every verdict line and in JSON, and exits 4 (130 when
 * interrupted, 1 when it found a violation). exit-cancel-2026 at 1 x 2 violates nothing in its 8
 * schedules, so each bound below is the only reason a run is not a proof.
 */
class HonestVerdictsTest {
    static final String[] FIX = {"check", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "-q"};

    @AfterEach
    void restore() {
        Checker.ticker = System::nanoTime;
        Interrupt.simulateAfter(0);
    }

    static Cli check(String... more) {
        String[] args = new String[FIX.length + more.length];
        System.arraycopy(FIX, 0, args, 0, FIX.length);
        System.arraycopy(more, 0, args, FIX.length, more.length);
        return Cli.run(args);
    }

    static List<String> observations(Cli r) {
        return r.out().lines().filter(l -> l.startsWith("Observation ")).toList();
    }

    /** Every verdict line of the run says Unseen (never Never) and ends with {@code suffix}. */
    static void allUnseen(Cli r, String suffix) {
        List<String> obs = observations(r);
        assertThat(obs).as(r.out()).hasSize(6);
        for (String l : obs) {
            assertThat(l).matches("Observation [a-z-]+ Unseen 0 \\d+ .*").endsWith(suffix);
        }
        assertThat(r.out()).doesNotContain(" Never ").contains("Warning: search not completed (");
    }

    /**
     * dfs is DPOR, which is not proven complete for the model (docs/explorer.md, point 7): it runs
     * out, but says Unseen, points every verdict line at the one warning line, and exits 4.
     */
    @Test
    void check_dporSearchRanOut_saysUnseenNotAProofAndExitsFour() {
        Cli r = check("--prove", "off");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(observations(r)).contains("Observation umount-busy-after-reap Unseen 0 20 (unproven: DPOR, see the warning line; not a proof)")
                .hasSize(6).allMatch(l -> l.endsWith(" (unproven: DPOR, see the warning line; not a proof)"));
        assertThat(r.out()).doesNotContain(" Never ").doesNotContain("search not completed").contains("(unproven: DPOR ran out)")
                .contains("Warning: not a proof (unproven: every schedule of the DPOR search (dfs) was run, but DPOR is proven complete only when"
                        + " no step's footprint depends on a value it reads, and this program's may (docs/explorer.md, point 7);"
                        + " for a proof: --strategy dfs-sleep or --state-cache on): Unseen means no explored schedule violated the property, not that none can");
        Cli opt = check("--strategy", "dfs-optimal", "--prove", "off");
        assertThat(opt.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(opt.out()).contains("Observation umount-busy-after-reap Unseen 0 20 (unproven: DPOR, see the warning line; not a proof)")
                .contains("Warning: not a proof (unproven: every schedule of the DPOR search (dfs-optimal) was run, but");
    }

    /**
     * By default (--prove on) a DPOR search that runs out with no violation is run again with
     * sleep sets: its verdicts, each Never a proof, exit 0, and a line saying so; JSON says
     * exhaustive, strategy dfs-sleep. A proof cut by the time left keeps DPOR's (unproven).
     */
    @Test
    void check_dporSearchRanOutClean_isProvenBySleepSets_exitsZero(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("proof.json");
        Cli r = check("--json", out.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("strategy  dfs (DPOR + sleep sets;",
                "proof     dfs ran out with no violation, which is not a proof on this model; the sleep-set search (dfs-sleep) then ran 20 schedules (546 pruned) in ",
                "Observation umount-busy-after-reap Never 0 20").doesNotContain("unproven").doesNotContain("Warning");
        JsonNode j = JsonOutput.MAPPER.readTree(out.toFile());
        assertThat(j.get("exhaustive").asBoolean()).isTrue();
        assertThat(j.get("strategy").asText()).isEqualTo("dfs-sleep");
        long[] now = {0};
        Checker.ticker = () -> now[0] += 1_000_000L;
        Cli cut = check("--time-limit", "1s", "--local-steps", "off");
        assertThat(cut.code()).as(cut.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(cut.out()).contains("proof     not proven: the sleep-set search (dfs-sleep) was cut (bounded: time limit",
                "Observation umount-busy-after-reap Unseen 0 20 (unproven: DPOR, see the warning line; not a proof)");
    }

    /** The sleep-set search on two workers: a proof (Never, exit 0), the same counts as on one. */
    @Test
    void check_sleepSetSearchOnTwoWorkers_saysNeverAndExitsZero_sameCountsAsOne() {
        Cli two = check("--strategy", "dfs-sleep", "--workers", "2");
        assertThat(two.code()).as(two.out()).isZero();
        assertThat(two.out()).contains("strategy  dfs-sleep (sleep sets + local steps, split search on 2 workers; exhaustive unless a bound is reached)",
                "Observation umount-busy-after-reap Never 0 20").doesNotContain("Warning").doesNotContain("unproven");
        Cli one = check("--strategy", "dfs-sleep");
        assertThat(observations(two)).isEqualTo(observations(one));
    }

    /** The JSON of such a run: not exhaustive, completeness unproven, the reason in why, and it validates. */
    @Test
    void check_dporSearchRanOut_jsonSaysUnproven(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dpor.json");
        Cli r = check("--json", out.toString(), "--prove", "off");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        JsonNode j = JsonOutput.MAPPER.readTree(out.toFile());
        assertThat(j.get("exhaustive").asBoolean()).isFalse();
        assertThat(j.get("completeness").asText()).isEqualTo("unproven");
        assertThat(j.get("why").get(0).asText()).startsWith("every schedule of the DPOR search (dfs) was run, but DPOR is proven complete only when");
        assertThat(j.has("caveat")).isFalse();
        assertThat(JsonSchemaTest.validate("check-v1.schema.json", out)).isEmpty();
    }

    /** The sleep-set search does not rest on DPOR's assumption: a bare Never, exhaustive, no caveat. */
    @Test
    void check_exhaustiveSleepSetSearch_saysNeverWithoutACaveat() {
        Cli r = check("--strategy", "dfs-sleep");
        assertThat(r.code()).isZero();
        assertThat(observations(r)).contains("Observation umount-busy-after-reap Never 0 20").allMatch(l -> !l.contains("("));
        assertThat(r.out()).doesNotContain("Warning").doesNotContain("caveat").contains("(exhaustive)");
    }

    @Test
    void check_timeLimitReached_saysUnseenAndExitsFour() {
        long[] now = {0};
        LongSupplier fake = () -> now[0] += 1_000_000_000L; // one second per reading: no test depends on speed
        Checker.ticker = fake;
        Cli r = check("--time-limit", "5s");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        allUnseen(r, " (bounded: time limit 5s reached; not a proof)");
    }

    @Test
    void check_maxSchedulesReached_saysUnseenAndExitsFour() {
        Cli r = check("--max-schedules", "5");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        allUnseen(r, " (bounded: max schedules 5 reached; not a proof)");
        assertThat(r.out()).contains("Observation umount-busy-after-reap Unseen 0 5 (bounded: max schedules 5 reached; not a proof)");
    }

    @Test
    void check_schedulesCutAtMaxSteps_areNotAProof() {
        Cli r = check("--max-steps", "30");
        // a schedule stopped at the step bound counts as a hang (bounded progress): that is a violation
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).containsPattern("Observation umount-busy-after-reap Unseen 0 \\d+ \\(bounded: max steps 30 reached by \\d+ of \\d+ schedules?; not a proof\\)")
                .containsPattern("Observation exit-hangs (Always|Sometimes) .* \\(bounded: max steps 30 reached by \\d+ of \\d+ schedules?\\)\n")
                .doesNotContain(" Never ");
    }

    @Test
    void check_preemptionBound_isLabelledBoundedNotExhaustive() {
        Cli r = check("--preemption-bound", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).contains("strategy  dfs-pb0 (bounded, not exhaustive: every interleaving with at most 0 preemptions, no reduction)")
                .doesNotContain("DPOR + sleep sets");
        allUnseen(r, " (bounded: preemption bound 0; not a proof)");
    }

    @Test
    void check_random_isSampled() {
        Cli r = check("--strategy", "random", "--runs", "20");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        allUnseen(r, " (sampled: seeded random walk, 20 schedules; not a proof)");
    }

    @Test
    void check_pct_isSampledWithItsGuarantee() {
        Cli r = check("--strategy", "pct", "--runs", "20");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        allUnseen(r, " (sampled: PCT depth 3, 20 schedules; not a proof)");
        assertThat(r.out()).contains("PCT guarantee: 20 runs find a given depth-3 bug with probability >= ");
    }

    @Test
    void check_stopAtFirst_provesTheViolationButNotTheRest() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--stop-at-first", "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).containsPattern("Observation umount-busy-after-reap (Sometimes|Always) 1 \\d+ \\(stopped: stopped at the first violating schedule\\)\n")
                .containsPattern("Observation exit-hangs Unseen 0 \\d+ \\(stopped: stopped at the first violating schedule; not a proof\\)\n")
                .contains("token:     FPS1:").doesNotContain(" Never ");
    }

    @Test
    void check_interrupted_saysSoAndExits130() {
        Interrupt.simulateAfter(3); // Ctrl-C at the third poll (once per schedule begun; the second was pruned)
        Cli r = check();
        assertThat(r.code()).isEqualTo(ExitCodes.INTERRUPTED);
        allUnseen(r, " (interrupted: stop requested after 1 schedule; not a proof)");
        assertThat(r.out()).contains("Explored 1 schedules (1 pruned)");
    }

    /** Ctrl-C during the proof that follows a clean DPOR search: the proof's partial result, exit 130. */
    @Test
    void check_interruptedDuringTheProof_saysSoAndExits130() {
        Interrupt.simulateAfter(120); // DPOR starts 80 schedules here (20 + 60 pruned), its proof 566
        Cli r = check();
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(r.out()).contains("proof     interrupted: the sleep-set search (dfs-sleep) was stopped (interrupted: stop requested after ")
                .doesNotContain(" Never ");
        allUnseen(r, "; not a proof)");
    }

    @Test
    void check_json_saysExhaustiveOrWhyNot(@TempDir Path dir) throws Exception {
        Path bounded = dir.resolve("bounded.json");
        Path proof = dir.resolve("proof.json");
        check("--max-schedules", "5", "--json", bounded.toString());
        check("--json", proof.toString(), "--strategy", "dfs-sleep");
        JsonNode b = JsonOutput.MAPPER.readTree(bounded.toFile());
        assertThat(b.get("exhaustive").asBoolean()).isFalse();
        assertThat(b.get("completeness").asText()).isEqualTo("bounded");
        assertThat(b.get("why")).hasSize(1);
        assertThat(b.get("why").get(0).asText()).isEqualTo("max schedules 5 reached");
        assertThat(b.get("stats").get("exhaustive").asBoolean()).isFalse();
        assertThat(b.get("observations").get(0).get("verdict").asText()).isEqualTo("Unseen");
        assertThat(JsonSchemaTest.validate("check-v1.schema.json", bounded)).isEmpty();
        JsonNode p = JsonOutput.MAPPER.readTree(proof.toFile());
        assertThat(p.get("exhaustive").asBoolean()).isTrue();
        assertThat(p.get("completeness").asText()).isEqualTo("exhaustive");
        assertThat(p.get("why")).isEmpty();
        assertThat(p.get("observations").get(0).get("verdict").asText()).isEqualTo("Never");
        assertThat(JsonSchemaTest.validate("check-v1.schema.json", proof)).isEmpty();
    }

    @Test
    void check_pctJson_carriesTheGuarantee(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pct.json");
        check("--strategy", "pct", "--runs", "20", "--json", out.toString());
        JsonNode j = JsonOutput.MAPPER.readTree(out.toFile());
        assertThat(j.get("completeness").asText()).isEqualTo("sampled");
        assertThat(j.get("guarantee").asText()).startsWith("PCT guarantee: 20 runs");
        assertThat(JsonSchemaTest.validate("check-v1.schema.json", out)).isEmpty();
    }

    /** With sleep sets the fix's Never is a proof: compare says the fixes hold and exits 0. */
    @Test
    void compare_fixHoldsExhaustively_exitsZero() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "--strategy", "dfs-sleep", "-q");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("exit-cancel-2026 | Never ", "changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Never, the baseline's witness FPS1:",
                "result: the fixes hold: every fix row violates nothing, by an exhaustive search").doesNotContain("unproven");
    }

    /**
     * With DPOR (the default) and --prove on (the default), the row DPOR finds clean is searched again
     * with sleep sets: its Never is then a proof, and the fix holds.
     */
    @Test
    void compare_dporFix_isProvenBySleepSets_exitsZero() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "--strategy", "dfs", "-q");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("; each row it finds clean proven by dfs-sleep bounds ", "exit-cancel-2026 | Never ",
                "baseline-6.18    | Sometimes 28/60 (DPOR)",
                "proved: exit-cancel-2026 by dfs-sleep (20 schedules, 546 pruned, ",
                "changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Never, the baseline's witness FPS1:",
                "result: the fixes hold: every fix row violates nothing, by an exhaustive search");
    }

    /**
     * A proof that does not finish leaves the row DPOR's: unproven, and the result inconclusive. The
     * clock advances 1 ms a reading (no test depends on speed): DPOR's 80 and 406 schedules fit in
     * 1 s, the sleep-set search's 1,920 do not.
     */
    @Test
    void compare_proofCut_leavesTheRowUnproven() {
        long[] now = {0};
        Checker.ticker = () -> now[0] += 1_000_000L;
        // sleep sets alone: the proof takes 1,920 schedules there, more than the 1 s left at 1 ms a tick
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "--time-limit", "1s",
                "--strategy", "dfs", "--local-steps", "off", "-q");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).doesNotContain("proved:").doesNotContain(" Never ").contains("exit-cancel-2026 | Unseen (unproven)",
                "not proven: exit-cancel-2026: its dfs-sleep search was cut (bounded: time limit 1s reached), so the row stays DPOR's (unproven)",
                "result: inconclusive: no fix violates a property, but the DPOR searches of exit-cancel-2026 ran out");
    }

    /** With --prove off, DPOR's clean row is inconclusive: the search ran out, but it is not a proof on the model. */
    @Test
    void compare_dporFixWithoutProof_isInconclusiveAndExitsFour() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "--strategy", "dfs",
                "--prove", "off", "-q");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).contains("exit-cancel-2026 | Unseen (unproven)",
                "changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Unseen (unproven: DPOR), the baseline's witness FPS1:",
                "unproven: the rows marked unproven ran every schedule of the DPOR search, but DPOR is proven complete only when",
                "result: inconclusive: no fix violates a property, but the DPOR searches of exit-cancel-2026 ran out, which is not a proof here (")
                .doesNotContain(" Never ");
    }

    @Test
    void compare_boundedFix_neverSaysNeverAndExitsFour(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("c.json");
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "--max-schedules", "5",
                "-q", "--json", json.toString());
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).doesNotContain("Never")
                .contains("exit-cancel-2026 | Unseen (bounded)", "not exhaustive: exit-cancel-2026: bounded: max schedules 5 reached",
                        "changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Unseen (bounded: max schedules 5 reached)",
                        "result: inconclusive: no fix violates a property, but these searches were not exhaustive: exit-cancel-2026 (bounded: max schedules 5 reached)");
        JsonNode j = JsonOutput.MAPPER.readTree(json.toFile());
        assertThat(j.get("result").asText()).isEqualTo("inconclusive");
        assertThat(j.get("exitCode").asInt()).isEqualTo(4);
        assertThat(j.get("variants").get(1).get("exhaustive").asBoolean()).isFalse();
        assertThat(JsonSchemaTest.validate("compare-v1.schema.json", json)).isEmpty();
    }

    @Test
    void compare_aFixThatFails_exitsOneAndNamesIt() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "--variants", "baseline-6.18,fput-sync,exit-cancel-2026", "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).contains("result: a fix fails: fput-sync violates umount-busy-after-reap");
    }

    @Test
    void compare_baselinesOnly_judgesTheRowsThemselves() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "--variants", "baseline-6.18", "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).contains("result: violated: baseline-6.18 violates umount-busy-after-reap");
    }

    @Test
    void compare_interrupted_exits130() {
        Interrupt.simulateAfter(3);
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "2", "--variants", "baseline-6.18,exit-cancel-2026", "-q");
        // the baseline row is not judged, the fix row never ran: interrupted, whatever the baseline found
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(r.out()).contains("result: interrupted: no fix failed before Ctrl-C; not run: exit-cancel-2026; nothing is proven")
                .doesNotContain("Never");
    }

    @Test
    void explain_boundedSearchWithoutViolation_saysItIsNoProofAndExitsFour() {
        Cli r = Cli.run("explain", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "--max-schedules", "3");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).startsWith("No property was violated in the schedules explored, but the search was not exhaustive (bounded: max schedules 3 reached): that is not a proof.");
    }

    @Test
    void kernelPredict_modelCutByItsScheduleBudget_saysUnseenAndExitsFour() {
        Cli r = Cli.run("kernel", "predict", "--model-only", "--config", "psync:12x1", "--model-max-schedules", "1");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).containsPattern("psync:12x1 +Unseen +0/1 bounded").doesNotContain(" Never ");
        // the model's own search is DPOR: it runs out, but that is not a proof on the model (docs/explorer.md, point 7)
        Cli ranOut = Cli.run("kernel", "predict", "--model-only", "--config", "psync:12x1", "--model-jobs", "1", "--model-prove", "off");
        assertThat(ranOut.code()).as(ranOut.out() + ranOut.err()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(ranOut.out()).containsPattern("psync:12x1 +Unseen +0/\\d+ DPOR, unproven").doesNotContain(" Never ");
        // with the proof (the default) the sleep-set search proves the clean row
        Cli proven = Cli.run("kernel", "predict", "--model-only", "--config", "psync:12x1", "--model-jobs", "1");
        assertThat(proven.code()).as(proven.out() + proven.err()).isZero();
        assertThat(proven.out()).containsPattern("psync:12x1 +Never +0/\\d+ exh\\.").doesNotContain("unproven");
        Cli busy = Cli.run("kernel", "predict", "--model-only", "--config", "io_uring:12x2", "--model-jobs", "1", "--model-iodepth", "1");
        assertThat(busy.code()).as(busy.out() + busy.err()).isZero(); // a Sometimes is proven by its witness
        assertThat(busy.out()).containsPattern("io_uring:12x2 +Sometimes +\\d+/\\d+ DPOR ");
    }

    @Test
    void help_everyVerdictCommand_documentsExitCodesFourAnd130() {
        for (String cmd : List.of("check", "explain", "report")) {
            assertThat(Cli.run(cmd, "--help").out()).as(cmd).contains("4   no violation found, but the search was not exhaustive", "130 interrupted");
        }
        assertThat(Cli.run("compare", "--help").out()).contains("0   the fixes hold", "1   a fix fails", "4   inconclusive", "130 interrupted");
    }
}
