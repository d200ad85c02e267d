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
    void factory_unmodelledEngine_refused() {
        assertThat(ModelFor.factory("libaio", ModelFor.config("libaio", 1, 1, List.of(), ""), "6.18.44").id())
                .startsWith("04/");
        assertThatThrownBy(() -> ModelFor.factory("pvsync2", ModelFor.config("psync", 1, 1, List.of(), ""), "6.18.1"))
                .hasMessageContaining("not modelled");
        assertThatThrownBy(() -> ModelFor.factory("psync", ModelFor.config("psync", 1, 1, List.of(), ""), "5.10.1"))
                .hasMessageContaining("no baseline variant");
    }
}
