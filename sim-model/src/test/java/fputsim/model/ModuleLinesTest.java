package fputsim.model;

import fputsim.explore.SourceWords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model sits on the explorer only: its sources never name the modules above it (the reports,
 * the timed mode, the real-kernel runs, the CLI) nor JSON, which is the reports' business. The
 * poms' enforcer rules ban the dependencies; this catches a Javadoc link or a fully qualified
 * name that would pull one back in.
 */
class ModuleLinesTest {
    @Test
    void sources_ofTheModel_nameNoModuleAboveIt() {
        assertThat(SourceWords.find(SourceWords.naming("fputsim.model.report", "fputsim.model.timed", "fputsim.kernel",
                "fputsim.cli", "fputsim.tests", "fputsim.bench", "com.fasterxml"))).isEmpty();
    }
}
