package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
