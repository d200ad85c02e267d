package fputsim.model.timed;

import fputsim.explore.SourceWords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timed mode sits on the model: its sources never name the reports, the real-kernel runs, the CLI, nor JSON. */
class ModuleLinesTest {
    @Test
    void sources_ofTheTimedMode_nameNoModuleBesideOrAboveIt() {
        assertThat(SourceWords.find(SourceWords.naming("fputsim.model.report", "fputsim.kernel", "fputsim.cli",
                "fputsim.tests", "fputsim.bench", "com.fasterxml"))).isEmpty();
    }
}
