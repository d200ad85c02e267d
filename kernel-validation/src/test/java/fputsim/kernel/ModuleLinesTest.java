package fputsim.kernel;

import fputsim.explore.SourceWords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The real-kernel runs sit on the model and the reports: their sources never name the timed mode or the CLI. */
class ModuleLinesTest {
    @Test
    void sources_ofTheRealKernelRuns_nameNoModuleBesideOrAboveThem() {
        assertThat(SourceWords.find(SourceWords.naming("fputsim.model.timed", "fputsim.cli", "fputsim.tests",
                "fputsim.bench"))).isEmpty();
    }
}
