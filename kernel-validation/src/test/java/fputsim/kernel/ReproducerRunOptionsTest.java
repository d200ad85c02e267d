/*
 * ReproducerRunOptionsTest: bad input is refused with a one-line KernelValidationException
 * before anything is created; the fio command line matches the seed reproducer and lets
 * extra arguments override defaults; a run on a host that misses a requirement is one
 * skipped KTAP result with exit code 77.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReproducerRunOptionsTest {
    static ReproducerRun.Options with(String engine, List<String> extra) {
        return ReproducerRun.Options.defaults(engine).withFioExtraArgs(extra);
    }

    @Test
    void validate_unknownIoengine_oneLineError() {
        assertThatThrownBy(() -> FioJob.validate(ReproducerRun.Options.defaults("posixaio2")))
                .isInstanceOf(KernelValidationException.class)
                .hasMessage("unknown ioengine 'posixaio2' (use one of io_uring, psync, libaio, sync, pvsync, pvsync2)");
    }

    @Test
    void validate_harnessOwnedFioArgs_refused() {
        assertThatThrownBy(() -> FioJob.validate(with("io_uring", List.of("--thread=0"))))
                .hasMessageContaining("would break the harness");
        assertThatThrownBy(() -> FioJob.validate(with("io_uring", List.of("numjobs=4"))))
                .hasMessageContaining("must look like --name=value");
        assertThatThrownBy(() -> FioJob.validate(ReproducerRun.Options.defaults("io_uring").withIterations(0)))
                .hasMessageContaining(">= 1");
    }

    @Test
    void args_defaults_matchSeedReproducerAndExtraComesLast() {
        List<String> a = FioJob.args(with("io_uring", List.of("--numjobs=4")), Path.of("/m/foo"));
        assertThat(a).startsWith("fio").contains("--ioengine=io_uring", "--iodepth=2", "--numjobs=12", "--buffered=1",
                "--overwrite=0", "--rw=randread", "--thread=1", "--filename=/m/foo", "--size=256m", "--output=/dev/null");
        assertThat(a).endsWith("--numjobs=4");
        assertThat(a).noneMatch(s -> s.contains("timeout"));
    }

    @Test
    void expectation_byEngine_ioUringBusyOthersNever() {
        assertThat(ReproducerRun.Options.defaults("io_uring").expectation()).isEqualTo(Expectation.BUSY_SOMETIMES);
        assertThat(ReproducerRun.Options.defaults("libaio").expectation()).isEqualTo(Expectation.BUSY_NEVER);
    }

    @Test
    void bytes_sizes_parse() {
        assertThat(FioJob.bytes("4G")).isEqualTo(4L << 30);
        assertThat(FioJob.bytes("512m")).isEqualTo(512L << 20);
        assertThat(FioJob.bytes("4096")).isEqualTo(4096);
    }

    @Test
    void run_requirementMissing_oneSkippedResultExit77() throws Exception {
        DoctorReport missing = new DoctorReport(List.of(Check.ok("root"), Check.notRun("fio-io_uring", "fio missing")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary s = ReproducerRun.run(ReproducerRun.Options.defaults("io_uring"),
                new PrintStream(out, true, StandardCharsets.UTF_8), missing);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("KTAP version 1\n1..1\n"
                + "ok 1 io_uring-umount-after-reap # SKIP not run: fio-io_uring: fio missing\n"
                + "# Totals: pass:0 fail:0 skip:1\n0 passed, 0 failed, 1 skipped\n");
        assertThat(s.exitCode()).isEqualTo(77);
        assertThat(s.skipReason()).isEqualTo("not run: fio-io_uring: fio missing");
    }
}
