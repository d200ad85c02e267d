package fputsim.model.report;

import fputsim.explore.SourceWords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports sit on the model: their sources never name the timed mode, the real-kernel runs or the CLI. */
class ModuleLinesTest {
    @Test
    void sources_ofTheReports_nameNoModuleBesideOrAboveThem() {
        assertThat(SourceWords.find(SourceWords.naming("fputsim.model.timed", "fputsim.kernel", "fputsim.cli",
                "fputsim.tests", "fputsim.bench"))).isEmpty();
    }
}
