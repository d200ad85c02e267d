package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReproducerRun.Options' withers keep every other option (no kernel needed). */
class ReproducerOptionsTest {

    @Test
    void withFioExtraArgs_afterAnUmountDelay_keepsTheDelay() {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withUmountDelay(Duration.ofMillis(5))
                .withFioExtraArgs(List.of("--registerfiles=1"));
        assertThat(o.umountDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(o.fioExtraArgs()).containsExactly("--registerfiles=1");
    }
}
