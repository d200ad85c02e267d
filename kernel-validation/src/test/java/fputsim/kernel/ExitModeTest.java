/*
 * ExitModeTest: the no-kill modes of kernel run (issue 16 finding 7) without a kernel: the mode's
 * arguments to fio and to fputsim-close-ring, the helper's no-kill line, the outcome of a workload
 * that did not exit by itself, the KTAP names and verdicts (OBSERVE), and the run JSON's new fields
 * against docs/json/kernel-run-v1.schema.json.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitModeTest {
    /** What fputsim-reaper --no-kill prints for a workload that exited by itself with status 0, umount busy twice. */
    static final String NO_KILL_LINE = "iter=2 fio_pid=77 sleep_us=0 fio_early_exit=0 fio_status=0 start_ns=100 kill_ns=0"
            + " wait_ns=5000 first_umount_ns=5010 last_ebusy_ns=9000 done_ns=9500 helper_delay_ns=10 attempts=3"
            + " ebusy=2 umount_errno=0 delay_us=0 exit_mode=no-kill timed_out=0";

    static IterationRecord noKill(String line, String mode) {
        return IterationRecord.parse(line).withExitMode(mode);
    }

    @Test
    void fioCompletes_addsTimeBasedRuntimeBeforeTheUsersFioArguments() {
        ExitMode m = ExitMode.fioCompletes(Duration.ofMillis(1500));
        assertThat(m.fioArgs()).containsExactly("--time_based=1", "--runtime=1500ms");
        assertThat(m.kills()).isFalse();
        assertThat(m.label("io_uring")).isEqualTo("io_uring-fio-completes");
        assertThat(m.exitBound()).isEqualTo(Duration.ofMillis(61_500));
        assertThat(ExitMode.kill().fioArgs()).isEmpty();
        assertThat(ExitMode.kill().label("io_uring")).isEqualTo("io_uring");
    }

    @Test
    void closeRing_argvNamesFileDepthSetupAndFlags() {
        ExitMode m = ExitMode.closeRing(8, "sqpoll", true, true);
        assertThat(m.closeRingArgs(Path.of("/mnt/foo")))
                .containsExactly("--file", "/mnt/foo", "--depth", "8", "--setup", "sqpoll", "--fixed", "--buffered");
        assertThat(ExitMode.closeRing(32, "defer", false, false).closeRingArgs(Path.of("/f")))
                .containsExactly("--file", "/f", "--depth", "32", "--setup", "defer");
        assertThat(m.describe()).contains("8 buffered reads", "sqpoll ring", "registered", "close(2)");
    }

    @Test
    void badValues_oneLineKernelValidationException() {
        assertThatThrownBy(() -> ExitMode.closeRing(0, "defer", false, false)).hasMessage("ring depth must be 1..64");
        assertThatThrownBy(() -> ExitMode.closeRing(65, "defer", false, false)).hasMessage("ring depth must be 1..64");
        assertThatThrownBy(() -> ExitMode.closeRing(4, "iopoll", false, false))
                .hasMessage("ring setup 'iopoll' unknown (use defer, plain or sqpoll)");
        assertThatThrownBy(() -> ExitMode.fioCompletes(Duration.ZERO)).isInstanceOf(KernelValidationException.class);
        assertThatThrownBy(() -> ExitMode.Kind.of("nokill"))
                .hasMessage("unknown exit mode 'nokill' (use kill, fio-completes or close-ring)");
        assertThat(ExitMode.Kind.of("close-ring")).isEqualTo(ExitMode.Kind.CLOSE_RING);
        assertThatThrownBy(() -> ReproducerRun.validate(ReproducerRun.Options.defaults("psync"),
                ExitMode.closeRing(4, "defer", false, false))).hasMessageContaining("--ioengine must be io_uring");
        assertThatThrownBy(() -> ReproducerRun.validate(ReproducerRun.Options.defaults("io_uring")
                .withFioExtraArgs(List.of("--registerfiles=1")), ExitMode.closeRing(4, "defer", false, false)))
                .hasMessageContaining("runs no fio");
    }

    @Test
    void helperLine_noKill_parsedAsBusyIterationOfTheMode() {
        IterationRecord r = noKill(NO_KILL_LINE, "fio-completes");
        assertThat(r.exitMode()).isEqualTo("fio-completes");
        assertThat(r.timedOut()).isFalse();
        assertThat(r.killNs()).isZero();
        assertThat(r.outcome()).isEqualTo(IterationRecord.Outcome.BUSY_THEN_UNMOUNTED);
        assertThat(r.windowNs()).isEqualTo(4000);
        // a line without the new fields (an older helper) is the kill mode
        assertThat(IterationRecord.parse(KtapTest.BUSY_LINE).exitMode()).isEqualTo("kill");
    }

    @Test
    void workloadNotExitingByItself_isExitFailed_notTested() {
        IterationRecord timedOut = noKill(NO_KILL_LINE.replace("fio_status=0", "fio_status=9").replace("timed_out=0", "timed_out=1"),
                "fio-completes");
        IterationRecord failed = noKill(NO_KILL_LINE.replace("fio_status=0", "fio_status=256"), "close-ring");
        assertThat(timedOut.outcome()).isEqualTo(IterationRecord.Outcome.EXIT_FAILED);
        assertThat(failed.outcome()).isEqualTo(IterationRecord.Outcome.EXIT_FAILED);
        // in the kill mode the same wait status is the kill's own
        assertThat(IterationRecord.parse(NO_KILL_LINE.replace("fio_status=0", "fio_status=9").replace(" exit_mode=no-kill", ""))
                .outcome()).isEqualTo(IterationRecord.Outcome.BUSY_THEN_UNMOUNTED);
        assertThat(Verdicts.tested(List.of(timedOut, failed))).isZero();

        KtapTest.Out o = new KtapTest.Out();
        Verdicts.iteration(o.ktap, timedOut.withFioError("still running after 61500 ms"), Expectation.OBSERVE);
        Verdicts.iteration(o.ktap, failed.withFioError("fputsim-close-ring: open: No such file or directory"), Expectation.OBSERVE);
        assertThat(o.text()).contains("# iteration-2: the workload (fio-completes) did not exit by itself within the bound: killed\n"
                + "not ok 1 iteration-2\n", "# iteration-2: the workload (close-ring) exited with wait status 256:"
                + " fputsim-close-ring: open: No such file or directory\nnot ok 2 iteration-2\n");
    }

    @Test
    void observe_passesOnceTested_failsWhenNothingWasTested() {
        IterationRecord busy = noKill(NO_KILL_LINE, "close-ring").withInflightAtClose(32);
        IterationRecord clean = noKill(NO_KILL_LINE.replace("ebusy=2", "ebusy=0"), "close-ring").withInflightAtClose(30);
        KtapTest.Out o = new KtapTest.Out();
        Verdicts.iteration(o.ktap, busy, Expectation.OBSERVE);
        Verdicts.run(o.ktap, "io_uring-close-ring", List.of(busy, clean), Expectation.OBSERVE);
        assertThat(o.text()).contains("# iteration-2: ebusy=2 window_ms=0.004 helper_delay_us=0.010 exit=close-ring inflight_at_close=32",
                "# io_uring-close-ring-umount-after-reap-observed: observed 1/2 busy",
                "ok 2 io_uring-close-ring-umount-after-reap-observed");
        Ktap.Result none = Verdicts.runResult("io_uring-fio-completes", List.of(), Expectation.OBSERVE, null);
        assertThat(none.status()).isEqualTo(Ktap.Status.FAIL);
        assertThat(none.reason()).isEqualTo("no iteration's workload exited by itself and was unmounted");
        // judged like the kill mode when an expectation is given
        assertThat(Verdicts.runResult("io_uring-fio-completes", List.of(busy), Expectation.BUSY_NEVER, null).status())
                .isEqualTo(Ktap.Status.FAIL);
        assertThat(Verdicts.runName("io_uring-fio-completes", Expectation.BUSY_SOMETIMES))
                .isEqualTo("io_uring-fio-completes-umount-busy-after-reap");
    }

    @Test
    void closeRingOutput_inflightAtClose() {
        assertThat(ReproducerRun.inflightAtClose("submitted=32 completed_before_close=3 inflight_at_close=29 setup=defer fixed=0 direct=1\n"))
                .isEqualTo(29);
        assertThat(ReproducerRun.inflightAtClose("fputsim-close-ring: open: denied")).isEqualTo(-1);
    }

    @Test
    void runJson_noKillRun_validAgainstSchema_andReadBack(@TempDir Path dir) throws Exception {
        ReproducerRun.Options opt = ReproducerRun.Options.defaults("io_uring").withExpectation(Expectation.OBSERVE);
        ExitMode m = ExitMode.closeRing(32, "defer", false, false);
        List<IterationRecord> its = List.of(noKill(NO_KILL_LINE, "close-ring").withInflightAtClose(32),
                noKill(NO_KILL_LINE.replace("fio_status=0", "fio_status=9").replace("timed_out=0", "timed_out=1"), "close-ring")
                        .withFioError("still running after 20000 ms"));
        RunSummary s = RunSummary.of(opt, m, its, List.of(), "6.18.44", "fio-3.33", "", dir.toString(), "");
        assertThat(s.exitMode()).isEqualTo("close-ring");
        assertThat(s.tested()).isEqualTo(1);
        assertThat(s.line()).endsWith(" exit_mode=close-ring");
        assertThat(RunSummary.skipped(opt, "r", "k").line()).doesNotContain("exit_mode");
        ObjectNode doc = RunJson.document(s, its, "0.1.0");
        assertThat(RunJsonTest.validate(doc)).isEmpty();
        assertThat(doc.path("summary").path("exitMode").asText()).isEqualTo("close-ring");
        assertThat(doc.path("summary").path("expectation").asText()).isEqualTo("OBSERVE");
        JsonNode it1 = doc.path("iterations").get(1);
        assertThat(it1.path("outcome").asText()).isEqualTo("EXIT_FAILED");
        assertThat(it1.path("timedOut").asBoolean()).isTrue();
        assertThat(doc.path("iterations").get(0).path("inflightAtClose").asInt()).isEqualTo(32);
        // the results folder's iterations.json reads back with the new fields
        Files.write(dir.resolve("iterations.json"), RunJsonTest.JSON.writeValueAsBytes(its));
        assertThat(RunJson.iterations(s)).isEqualTo(its);
    }

    @Test
    void closeRingSource_packagedAndNamedByItsHash() {
        byte[] src = NativeHelper.source(NativeHelper.CLOSE_RING);
        assertThat(new String(src, StandardCharsets.UTF_8)).contains("__NR_io_uring_setup", "__NR_io_uring_enter")
                .doesNotContain("liburing.h");
        assertThat(NativeHelper.binaryName(NativeHelper.CLOSE_RING, src)).matches("fputsim-close-ring-[0-9a-f]{16}");
    }
}
