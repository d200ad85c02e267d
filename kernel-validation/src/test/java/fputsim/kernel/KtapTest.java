/*
 * KtapTest: KTAP lines, totals, the closing plain line, exit codes, the run verdicts of
 * real-kernel.md, the helper's result line, the summary's statistics and the JUnit XML.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KtapTest {
    static final String BUSY_LINE = "iter=3 fio_pid=4242 sleep_us=330193 fio_early_exit=0 fio_status=9"
            + " start_ns=100 kill_ns=1000000 wait_ns=4000000 first_umount_ns=4000190 last_ebusy_ns=8000000"
            + " done_ns=9000000 helper_delay_ns=190 attempts=19 ebusy=18 umount_errno=0";

    static IterationRecord rec(int i, int ebusy, long windowNs) {
        return new IterationRecord(i, 300000, 1, false, 9, 0, 1000, 1100, 1000 + windowNs, 2000 + windowNs,
                100 * i, ebusy + 1, ebusy, 0, "");
    }

    static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Ktap ktap = new Ktap(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void ktap_mixedResults_printsLinesTotalsAndPlainClosingLine() {
        Out o = new Out();
        o.ktap.plan(3);
        o.ktap.result(Ktap.Status.PASS, "first", "");
        o.ktap.result(Ktap.Status.FAIL, "second", "why");
        o.ktap.result(Ktap.Status.SKIP, "third", "not run: fio missing");
        o.ktap.close();
        assertThat(o.text()).isEqualTo("KTAP version 1\n1..3\nok 1 first\nnot ok 2 second\n"
                + "ok 3 third # SKIP not run: fio missing\n# Totals: pass:1 fail:1 skip:1\n1 passed, 1 failed, 1 skipped\n");
        assertThat(o.ktap.exitCode()).isEqualTo(1);
    }

    @Test
    void ktap_allSkipped_exits77_andAllPassedExits0() {
        Out skip = new Out();
        skip.ktap.plan(1);
        skip.ktap.result(Ktap.Status.SKIP, "x", "r");
        assertThat(skip.ktap.exitCode()).isEqualTo(77);
        Out pass = new Out();
        pass.ktap.plan(1);
        pass.ktap.result(Ktap.Status.PASS, "x", "");
        assertThat(pass.ktap.exitCode()).isZero();
    }

    @Test
    void ktap_shortRun_saysSoBeforeTotals() {
        Out o = new Out();
        o.ktap.plan(5);
        o.ktap.result(Ktap.Status.PASS, "only", "");
        o.ktap.close();
        assertThat(o.text()).contains("# planned 5 results, wrote 1\n# Totals: pass:1 fail:0 skip:0");
    }

    @Test
    void verdicts_ioUringWithBusy_reportsReproduced() {
        Out o = new Out();
        List<IterationRecord> rs = List.of(rec(1, 0, 0), rec(2, 5, 3_000_000));
        rs.forEach(r -> Verdicts.iteration(o.ktap, r, Expectation.BUSY_SOMETIMES));
        Verdicts.run(o.ktap, "io_uring", rs, Expectation.BUSY_SOMETIMES);
        assertThat(o.text()).contains("ok 1 iteration-1", "ok 2 iteration-2",
                "# io_uring-umount-busy-after-reap: reproduced 1/2 busy\nok 3 io_uring-umount-busy-after-reap\n",
                "# iteration-2: ebusy=5 window_ms=3.000");
        assertThat(o.ktap.exitCode()).isZero();
    }

    @Test
    void verdicts_ioUringNeverBusy_failsAsNotReproduced() {
        Out o = new Out();
        Verdicts.run(o.ktap, "io_uring", List.of(rec(1, 0, 0)), Expectation.BUSY_SOMETIMES);
        assertThat(o.text()).contains("# io_uring-umount-busy-after-reap: not reproduced 0/1 busy\nnot ok 1 io_uring-umount-busy-after-reap\n");
    }

    @Test
    void verdicts_psyncBusy_failsIterationAndRun() {
        Out o = new Out();
        IterationRecord busy = rec(1, 2, 1_000_000);
        Verdicts.iteration(o.ktap, busy, Expectation.BUSY_NEVER);
        Verdicts.run(o.ktap, "psync", List.of(busy), Expectation.BUSY_NEVER);
        assertThat(o.text()).contains("not ok 1 iteration-1", "# psync-umount-never-busy-after-reap: 1/1 busy\n"
                + "not ok 2 psync-umount-never-busy-after-reap\n");
    }

    @Test
    void verdicts_fioExitedEarly_skipsIterationAndRun() {
        Out o = new Out();
        IterationRecord early = new IterationRecord(1, 1, 1, true, 9, 0, 0, 0, 0, 0, 0, 1, 0, 0, "");
        Verdicts.iteration(o.ktap, early, Expectation.BUSY_SOMETIMES);
        Verdicts.run(o.ktap, "io_uring", List.of(early), Expectation.BUSY_SOMETIMES);
        assertThat(o.text()).contains("ok 1 iteration-1 # SKIP fio exited before the kill (wait status 9)",
                "# SKIP no iteration killed a running fio");
        assertThat(o.ktap.exitCode()).isEqualTo(77);
    }

    @Test
    void parse_helperLine_givesWindowAndOutcome() {
        IterationRecord r = IterationRecord.parse(BUSY_LINE);
        assertThat(r.iteration()).isEqualTo(3);
        assertThat(r.ebusy()).isEqualTo(18);
        assertThat(r.windowNs()).isEqualTo(4_000_000);
        assertThat(r.helperDelayNs()).isEqualTo(190);
        assertThat(r.outcome()).isEqualTo(IterationRecord.Outcome.BUSY_THEN_UNMOUNTED);
    }

    @Test
    void parse_garbage_throwsOneLineMessage() {
        assertThatThrownBy(() -> IterationRecord.parse("usage: fputsim-reaper ..."))
                .isInstanceOf(KernelValidationException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("no result line");
    }

    @Test
    void summary_windows_medianAndMaxOverBusyIterationsOnly() {
        Out o = new Out();
        List<IterationRecord> rs = List.of(rec(1, 0, 0), rec(2, 1, 2_000_000), rec(3, 1, 4_000_000), rec(4, 3, 10_000_000));
        RunSummary s = RunSummary.of(ReproducerRun.Options.defaults("io_uring"), rs, o.ktap, "6.18", "fio-3.33", "0x3108", "/r");
        assertThat(s.busy()).isEqualTo(3);
        assertThat(s.busyRate()).isEqualTo(0.75);
        assertThat(s.windowMedianMs()).isEqualTo(4.0);
        assertThat(s.windowMaxMs()).isEqualTo(10.0);
        assertThat(s.helperDelayMedianUs()).isEqualTo(0.25);
        assertThat(s.line()).contains("busy_rate=0.75", "window_median_ms=4.000", "ring_flags=0x3108");
    }

    @Test
    void junitXml_results_haveFailureAndSkippedElements() {
        String xml = JunitXml.of("fputsim.kernel.io_uring", List.of(new Ktap.Result(1, "a", Ktap.Status.PASS, ""),
                new Ktap.Result(2, "b<c", Ktap.Status.FAIL, "x\"y"), new Ktap.Result(3, "d", Ktap.Status.SKIP, "r")));
        assertThat(xml).contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\"", "name=\"b&lt;c\"",
                "<failure type=\"fputsim.kernel.KtapFailure\" message=\"x&quot;y\"/>", "<skipped message=\"r\"/>",
                "name=\"a\" time=\"0.000\"");
    }

    @Test
    void verdicts_fioExitedWithError_failsWithFiosFirstErrorLine() {
        Out o = new Out();
        IterationRecord bad = new IterationRecord(1, 1, 1, true, 1 << 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")
                .withFioError("fio: unrecognized option '--bogus_option=1'");
        Verdicts.iteration(o.ktap, bad, Expectation.BUSY_SOMETIMES);
        assertThat(o.text()).contains("# iteration-1: fio exited with status 1 before the kill: fio: unrecognized option '--bogus_option=1'\n"
                + "not ok 1 iteration-1\n");
        assertThat(o.ktap.exitCode()).isEqualTo(1);
        assertThat(ReproducerRun.firstError("\nfio-3.33\nfio: unrecognized option '--x=1'\nmore\n"))
                .isEqualTo("fio: unrecognized option '--x=1'");
    }

    @Test
    void runResult_stoppedEarly_skipsUndecidedCheckButKeepsDecidedOnes() {
        String stop = "interrupted by SIGINT after 1 of 5 iterations";
        assertThat(Verdicts.runResult("io_uring", List.of(rec(1, 0, 0)), Expectation.BUSY_SOMETIMES, stop))
                .satisfies(r -> assertThat(r.status()).isEqualTo(Ktap.Status.SKIP))
                .satisfies(r -> assertThat(r.reason()).isEqualTo(stop + " (not reproduced 0/1 busy)"));
        assertThat(Verdicts.runResult("io_uring", List.of(rec(1, 2, 5)), Expectation.BUSY_SOMETIMES, stop).status())
                .isEqualTo(Ktap.Status.PASS);
        assertThat(Verdicts.runResult("psync", List.of(rec(1, 2, 5)), Expectation.BUSY_NEVER, stop).status())
                .isEqualTo(Ktap.Status.FAIL);
    }

    @Test
    void subtest_isIndentedWithHeader_andDocumentIsTopLevel() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Ktap k = new Ktap(new PrintStream(b, true, StandardCharsets.UTF_8), "io_uring:12x2");
        k.plan(1);
        k.result(Ktap.Status.PASS, "iteration-1", "");
        k.close();
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo("    KTAP version 1\n    # Subtest: io_uring:12x2\n    1..1\n"
                + "    ok 1 iteration-1\n    # Totals: pass:1 fail:0 skip:0\n");
        assertThat(k.document()).isEqualTo("KTAP version 1\n1..1\nok 1 iteration-1\n# Totals: pass:1 fail:0 skip:0\n"
                + "1 passed, 0 failed, 0 skipped\n");
    }

    @Test
    void snapshot_completesThePlanWithSkipsAndWritesNothing() {
        Out o = new Out();
        o.ktap.plan(3);
        o.ktap.result(Ktap.Status.PASS, "iteration-1", "");
        String before = o.text();
        String snap = o.ktap.snapshot(List.of(new Ktap.Result(0, "iteration-2", Ktap.Status.SKIP, "not run: stopped"),
                new Ktap.Result(0, "run", Ktap.Status.SKIP, "stopped")));
        assertThat(o.text()).isEqualTo(before);
        assertThat(snap).endsWith("ok 1 iteration-1\nok 2 iteration-2 # SKIP not run: stopped\nok 3 run # SKIP stopped\n"
                + "# Totals: pass:1 fail:0 skip:2\n1 passed, 0 failed, 2 skipped\n");
    }
}
