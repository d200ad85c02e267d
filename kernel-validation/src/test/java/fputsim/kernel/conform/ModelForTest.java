package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fputsim.kernel.ExitMode;
import fputsim.model.scenario.ScenarioConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelForTest {
    @Test
    void variant_kernelRelease_matchingBaseline() {
        assertThat(ModelFor.variant("6.18.44-cloud-amd64")).contains("baseline-6.18");
        assertThat(ModelFor.variant("6.1.0-37-cloud-amd64")).contains("baseline-6.1");
        assertThat(ModelFor.variant("5.15.0")).isEmpty();
    }

    @Test
    void config_fioExtraArgs_mapToModelParameters() {
        ScenarioConfig c = ModelFor.config("io_uring", 12, 2, List.of("--direct=1", "--registerfiles=1"), "0x3108");
        assertThat(c).isEqualTo(new ScenarioConfig(12, 2, true, true, false, true, 0, "io_uring"));
        ScenarioConfig sq = ModelFor.config("io_uring", 2, 4, List.of("--sqthread_poll=1"), "0x2");
        assertThat(sq.sqpoll()).isTrue();
        assertThat(sq.defer()).isFalse();
        // fio's last option wins
        assertThat(ModelFor.config("io_uring", 1, 1, List.of("--direct=1", "--direct=0"), "").direct()).isFalse();
        assertThat(ModelFor.config("psync", 12, 2, List.of(), "").defer()).isFalse();
    }

    @Test
    void configFromArgv_committedSqpollRun_registeredFilesAndNoDeferTaskrun() throws Exception {
        // the committed SQPOLL calibration run (docs/timed/data/timed50/sqpoll): fio_ioring_init turns
        // registerfiles on with sqthread_poll, and fio 3.33 sets DEFER_TASKRUN only without SQPOLL
        java.nio.file.Path dir = java.nio.file.Path.of("../docs/timed/data/timed50/sqpoll");
        java.nio.file.Path args;
        try (var s = java.nio.file.Files.walk(dir)) {
            args = s.filter(p -> p.getFileName().toString().equals("fio-args.txt")).findFirst().orElseThrow();
        }
        List<String> argv = List.of(java.nio.file.Files.readString(args).strip().split("\\s+"));
        ScenarioConfig c = ModelFor.configFromArgv(argv, "", 0);
        assertThat(c).isEqualTo(new ScenarioConfig(12, 2, false, false, true, true, 0, "io_uring"));
    }

    @Test
    void configFromArgv_engineJobsDepthAndDirect_lastValueWins() {
        List<String> argv = List.of("fio", "--ioengine=io_uring", "--numjobs=3", "--iodepth=4", "--numjobs=5", "--buffered=1", "--direct=1");
        assertThat(ModelFor.configFromArgv(argv, "", 0)).isEqualTo(new ScenarioConfig(5, 4, true, true, false, false, 0, "io_uring"));
        // fio's --buffered=0 is O_DIRECT, and a later --buffered=1 undoes an earlier --direct=1
        assertThat(ModelFor.configFromArgv(List.of("--buffered=0"), "", 0).direct()).isTrue();
        assertThat(ModelFor.configFromArgv(List.of("--direct=1", "--buffered=1"), "", 0).direct()).isFalse();
        // the cap (conformance's --max-jobs) and the model's own limit
        assertThat(ModelFor.configFromArgv(List.of("--numjobs=12"), "", 2).jobs()).isEqualTo(2);
        assertThat(ModelFor.configFromArgv(List.of("--numjobs=64"), "", 0).jobs()).isEqualTo(ScenarioConfig.MAX_JOBS);
        assertThat(ModelFor.configFromArgv(List.of("--ioengine=libaio", "--sqthread_poll=1"), "", 0))
                .isEqualTo(new ScenarioConfig(1, 1, false, false, false, false, 0, "libaio"));
        assertThatThrownBy(() -> ModelFor.configFromArgv(List.of("--iodepth=x"), "", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelFor.configFromArgv(List.of("--numjobs=0"), "", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factory_unmodelledEngine_refused() {
        assertThat(ModelFor.factory("libaio", ModelFor.config("libaio", 1, 1, List.of(), ""), "6.18.44").id())
                .startsWith("04/");
        assertThatThrownBy(() -> ModelFor.factory("pvsync2", ModelFor.config("psync", 1, 1, List.of(), ""), "6.18.1"))
                .hasMessageContaining("not modelled");
        assertThatThrownBy(() -> ModelFor.factory("psync", ModelFor.config("psync", 1, 1, List.of(), ""), "5.10.1"))
                .hasMessageContaining("no baseline variant");
    }

    @Test
    void model_exitMode_picksTheScenario_andTheRulesHoldInEach() {
        List<String> fio = List.of("fio", "--ioengine=io_uring", "--iodepth=2", "--numjobs=12", "--buffered=1");
        assertThat(ModelFor.model(ExitMode.Kind.KILL, fio, "0x3108", 0, 0))
                .isEqualTo(new ModelFor.Model("03", new ScenarioConfig(12, 2, false, true, false, false, 0, "io_uring")));
        assertThat(ModelFor.model(ExitMode.Kind.FIO_COMPLETES, plus(fio, "--time_based=1", "--runtime=1000ms", "--registerfiles=1"), "0x3108", 2, 0))
                .isEqualTo(new ModelFor.Model("08", new ScenarioConfig(2, 2, false, true, false, true, 0, "io_uring")));
        // sqthread_poll implies registered files, and no DEFER_TASKRUN, in the no-kill mode as in the kill mode
        assertThat(ModelFor.model(ExitMode.Kind.FIO_COMPLETES, plus(fio, "--sqthread_poll=1"), "", 0, 0).config())
                .isEqualTo(new ScenarioConfig(12, 2, false, false, true, true, 0, "io_uring"));
        assertThat(ModelFor.model(ExitMode.Kind.FIO_COMPLETES, plus(fio, "--sqthread_poll=1"), "", 0, 0).config())
                .isEqualTo(ModelFor.model(ExitMode.Kind.KILL, plus(fio, "--sqthread_poll=1"), "0xa", 0, 0).config());
        assertThatThrownBy(() -> ModelFor.model(ExitMode.Kind.FIO_COMPLETES, List.of("--ioengine=libaio"), "", 0, 0))
                .hasMessageContaining("io_uring only");
    }

    @Test
    void model_closeRing_fromTheWorkloadsArgv() {
        List<String> argv = List.of("/tmp/fputsim-native/fputsim-close-ring-1", "--file", "/m/foo", "--depth", "32", "--setup", "defer");
        // 32 reads: the model's cap (16), or the caller's
        assertThat(ModelFor.model(ExitMode.Kind.CLOSE_RING, argv, "0x3000", 0, 0))
                .isEqualTo(new ModelFor.Model("09", new ScenarioConfig(1, 16, true, true, false, false, 0, "io_uring")));
        assertThat(ModelFor.model(ExitMode.Kind.CLOSE_RING, argv, "", 0, 2).config().iodepth()).isEqualTo(2);
        List<String> plain = List.of("x", "--file", "/m/foo", "--depth", "8", "--setup", "plain", "--fixed", "--buffered");
        assertThat(ModelFor.model(ExitMode.Kind.CLOSE_RING, plain, "0x0", 0, 0).config())
                .isEqualTo(new ScenarioConfig(1, 8, false, false, false, true, 0, "io_uring"));
        assertThatThrownBy(() -> ModelFor.model(ExitMode.Kind.CLOSE_RING, List.of("x", "--setup", "odd"), "", 0, 0))
                .hasMessageContaining("--setup odd");
    }

    @Test
    void model_forceAsync_everyRequestOnIoWq() {
        // fio_ioring_prep@fio-3.33: IOSQE_ASYNC on every force_async-th request; 1: all of them (io_queue_iowq)
        assertThat(ModelFor.config("io_uring", 12, 2, List.of("--force_async=1"), "0x3108").iowq()).isEqualTo(2);
        assertThat(ModelFor.config("io_uring", 12, 2, List.of("--force_async=0"), "0x3108").iowq()).isZero();
        assertThat(ModelFor.config("psync", 12, 1, List.of("--force_async=1"), "").iowq()).isZero();
        assertThatThrownBy(() -> ModelFor.config("io_uring", 12, 2, List.of("--force_async=2"), ""))
                .hasMessageContaining("--force_async=2 is not modelled");
        assertThatThrownBy(() -> ModelFor.config("io_uring", 12, 2, List.of("--force_async=1", "--sqthread_poll=1"), ""))
                .hasMessageContaining("not modelled");
    }

    @Test
    void model_resultsFolder_exitModeAndArgvFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("fio-args.txt"), "fio --ioengine=io_uring --numjobs=3 --iodepth=2\n");
        assertThat(ModelFor.exitMode(dir)).isEqualTo(ExitMode.Kind.KILL); // a folder from before the no-kill modes
        assertThat(ModelFor.model(dir, "", 0, 0).scenario()).isEqualTo("03");
        java.nio.file.Files.writeString(dir.resolve("exit-mode.txt"), "fio-completes\nno kill: fio runs 1000 ms time-based\n");
        assertThat(ModelFor.model(dir, "", 0, 0)).isEqualTo(new ModelFor.Model("08", new ScenarioConfig(3, 2, false, true, false, false, 0, "io_uring")));
        java.nio.file.Files.writeString(dir.resolve("exit-mode.txt"), "close-ring\n");
        assertThatThrownBy(() -> ModelFor.model(dir, "", 0, 0)).hasMessageContaining("workload-args.txt").hasMessageContaining("no such file");
        java.nio.file.Files.writeString(dir.resolve("exit-mode.txt"), "nap\n");
        assertThatThrownBy(() -> ModelFor.exitMode(dir)).hasMessageContaining("exit-mode.txt").hasMessageContaining("unknown exit mode 'nap'");
    }

    private static List<String> plus(List<String> a, String... more) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
