package fputsim.model.timed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimedParamsTest {
    @Test
    void parse_overrides_applyInOrder() {
        TimedParams p = TimedParams.defaults().parse(List.of("hz=1000", "harness_delay_us=5000", "hz=100"));
        assertThat(p.get(TimedParam.HZ)).isEqualTo(100);
        assertThat(p.get(TimedParam.HARNESS_DELAY_US)).isEqualTo(5000);
        assertThat(p.jiffyNs()).isEqualTo(10_000_000);
        assertThat(p.get(TimedParam.CPUS)).isEqualTo(TimedParam.CPUS.defaultValue);
    }

    @Test
    void exitWorkRetryJiffies_hz250_twelveJiffies() {
        assertThat(TimedParams.defaults().exitWorkRetryJiffies()).isEqualTo(12);
        assertThat(TimedParams.defaults().parse(List.of("hz=1000")).exitWorkRetryJiffies()).isEqualTo(50);
    }

    @Test
    void parse_unknownName_namesIt() {
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("hertz=100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown timed parameter 'hertz'");
    }

    @Test
    void parse_badValues_refused() {
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("hz"))).hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("hz=fast"))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("kworker_wake_us=-1"))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("cpus=1.5"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("hz=0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TimedParams.defaults().parse(List.of("io_direct_us=NaN"))).hasMessageContaining("finite");
    }

    @Test
    void everyParam_hasMeaningAndSource() {
        for (TimedParam p : TimedParam.values()) {
            assertThat(p.meaning).as(p.key).isNotBlank();
            assertThat(p.source).as(p.key).isNotBlank();
            assertThat(TimedParam.byKey(p.key)).isEqualTo(p);
        }
    }
}
