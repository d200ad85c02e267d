package fputsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fputsim.model.timed.Calibration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictWindowCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static void usage(Result r, String contains) {
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").contains(contains).doesNotContain("Exception");
    }

    @Test
    void predictWindow_badInput_oneLineExit2() {
        usage(run("predict-window", "--set", "hertz=3"), "unknown timed parameter 'hertz'");
        usage(run("predict-window", "--set", "hz=-4"), "hz must be");
        usage(run("predict-window", "--runs", "0"), "--runs must be at least 1");
        usage(run("predict-window", "--scenario", "01"), "scenario 03");
        usage(run("predict-window", "--engine", "psync"), "--engine io_uring");
        usage(run("predict-window", "--delays", "1,-2"), "--delays");
        usage(run("predict-window", "--delays", "x"), "--delays");
        usage(run("predict-window", "--jobs", "99"), "jobs must be");
        usage(run("predict-window", "--variant", "linux-9"), "variant");
    }

    @Test
    void predictWindow_smallRun_tableAndReport(@TempDir Path dir) throws IOException {
        Result r = run("predict-window", "--jobs", "2", "--runs", "20", "--delays", "0,100", "--report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("predict-window: 03r/jobs=2,iodepth=2").contains("delay_ms  busy")
                .contains("window histogram at delay 0 ms");
        assertThat(Files.readString(dir.resolve("busy-vs-delay-baseline-6.18.svg"))).startsWith("<svg").contains("<circle");
        assertThat(Files.readString(dir.resolve("window-histogram-baseline-6.18.svg"))).contains("<rect");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("<svg").doesNotContain("<script");
    }

    @Test
    void predictWindow_listParams_everyParamWithSource() {
        Result r = run("predict-window", "--list-params", "--set", "cpus=4");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("hz").contains("source: ").containsPattern("cpus\\s+4 ");
    }

    @Test
    void calibrate_missingResults_oneLineExit2(@TempDir Path dir) {
        usage(run("predict-window", "calibrate", "--fit", dir.resolve("nope").toString()), "no results folder");
        usage(run("predict-window", "calibrate", "--check", dir.toString()), "no iterations.json");
        usage(run("predict-window", "calibrate"), "--fit DIR");
    }

    @Test
    void calibrate_checkOnAResultsFolder_comparesMeasuredAndPredicted(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("jobs2/20261125-000000-io_uring-1");
        Files.createDirectories(run);
        Files.writeString(run.resolve("fio-args.txt"), "fio --name=fputsim --ioengine=io_uring --iodepth=2 --buffered=1 --numjobs=2 --direct=1");
        Files.writeString(run.resolve("iterations.json"), "[{\"outcome\":\"BUSY_THEN_UNMOUNTED\",\"killNs\":0,\"waitNs\":3000000,"
                + "\"ebusy\":3,\"windowNs\":5000000,\"sleepUs\":600000},{\"outcome\":\"UNMOUNTED\",\"killNs\":0,\"waitNs\":4000000,\"ebusy\":0,\"windowNs\":0,\"sleepUs\":700000}]");
        Result r = run("predict-window", "calibrate", "--check", dir.toString(), "--runs", "10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("jobs2").contains("j2 d2 direct").contains("0.50 / ").contains("5.000 / ");
    }

    static void resultsFolder(Path run, int jobs, String delayLine) throws IOException {
        Files.createDirectories(run);
        Files.writeString(run.resolve("fio-args.txt"), "fio --name=fputsim --ioengine=io_uring --iodepth=2 --buffered=1 --numjobs=" + jobs);
        Files.writeString(run.resolve("ktap.txt"), "TAP version 13\n# " + delayLine + "\n");
        Files.writeString(run.resolve("iterations.json"), "[{\"outcome\":\"BUSY_THEN_UNMOUNTED\",\"killNs\":0,\"waitNs\":3000000,"
                + "\"ebusy\":3,\"windowNs\":5000000,\"sleepUs\":600000},{\"outcome\":\"UNMOUNTED\",\"killNs\":0,\"waitNs\":4000000,"
                + "\"ebusy\":0,\"windowNs\":0,\"sleepUs\":700000},{\"outcome\":\"UNMOUNTED\",\"killNs\":0,\"waitNs\":4000000,"
                + "\"ebusy\":0,\"windowNs\":0,\"sleepUs\":100000}]");
    }

    /** Issue 16's table: busy rows (Wilson interval) on the fitted configuration, a median row elsewhere, each with a verdict. */
    @Test
    void calibrate_targets_busyAndMedianRowsWithIntervalsAndVerdicts(@TempDir Path dir) throws IOException {
        resultsFolder(dir.resolve("seed-delay-0ms/20261202-000000-io_uring-1"), 2, "umount delay 0 us");
        resultsFolder(dir.resolve("seed-delay-5ms/20261202-000100-io_uring-2"), 2, "umount delay 5000 us");
        resultsFolder(dir.resolve("jobs1/20261202-000200-io_uring-3"), 1, "umount delay 0 us");
        Result r = run("predict-window", "calibrate", "--fit", dir.resolve("seed-delay-0ms").toString(), "--check", dir.toString(),
                "--runs", "4", "--targets");
        assertThat(r.code()).as(r.err()).isZero();
        String table = r.out().substring(r.out().indexOf("targets (issue 16, finding 10)"));
        assertThat(table).contains("model fitted on seed-delay-0ms (j2 d2, delay 0 ms)").contains(">= 450 ms");
        // the 100 ms kill is left out: 1 of 2 busy, Wilson [0.09, 0.91]
        assertThat(table).containsPattern("seed-delay-0ms +j2 d2 +0 +2  busy rate +1/2 =0.50 \\[0.09, 0.91\\]")
                .containsPattern("seed-delay-5ms +j2 d2 +5 +2  busy rate")
                .containsPattern("jobs1 +j1 d2 +0 +2  window p50 +5.000")
                .containsPattern("(pass|FAIL)\\n").contains("met: busy ");
        assertThat(table.indexOf("seed-delay-5ms")).isLessThan(table.indexOf("jobs1"));
        usage(run("predict-window", "calibrate", "--check", dir.toString(), "--targets"), "--targets needs --fit");
    }

    @Test
    void calibrate_committedSqpollRun_modelledLikeConformance(@TempDir Path conformDir) throws IOException {
        // finding 8 (issue 16): calibration and conformance call the one mapping (ModelFor.model), so the
        // committed SQPOLL run is modelled with registered files (fio_ioring_init) and without DEFER_TASKRUN in both:
        // calibration from its untraced folder (fio 3.33's rule), conformance from the committed SQPOLL capture's
        // ring flags (0xa) with the same fio argv
        Path dir = Path.of("../docs/timed/data/timed50/sqpoll");
        Calibration.Measured m = RealRuns.read(dir, 0).get(0);
        Path args;
        try (var s = Files.walk(dir)) {
            args = s.filter(p -> p.getFileName().toString().equals("fio-args.txt")).findFirst().orElseThrow();
        }
        Files.copy(args, conformDir.resolve("fio-args.txt"));
        Files.copy(Path.of("../kernel-validation/src/test/resources/fputsim/kernel/io_uring-sqpoll-iteration-6.18.trace"),
                conformDir.resolve("trace.txt"));
        Files.writeString(conformDir.resolve("uname-r.txt"), "6.18.44-fc-v657\n");
        fputsim.kernel.conform.ResultsConformance.Run r = fputsim.kernel.conform.ResultsConformance.check(conformDir, 0, 1);
        assertThat(r.model().config()).isEqualTo(m.config());
        assertThat(r.model().scenario().number()).isEqualTo("03");
        assertThat(m.config()).isEqualTo(new fputsim.model.scenario.ScenarioConfig(12, 2, false, false, true, true, 0, "io_uring"));
    }

    @Test
    void calibrate_noKillFolder_refusedInOneLine(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("fio-completes"));
        Files.writeString(run.resolve("fio-args.txt"), "fio --ioengine=io_uring --numjobs=12 --iodepth=2 --time_based=1 --runtime=1000ms\n");
        Files.writeString(run.resolve("exit-mode.txt"), "fio-completes\nno kill\n");
        Files.writeString(run.resolve("iterations.json"), "[]\n");
        assertThatThrownBy(() -> RealRuns.read(dir, 0)).isInstanceOf(UsageError.class)
                .hasMessageContaining("fio-completes run (no kill): calibration fits kill runs only");
    }
}
