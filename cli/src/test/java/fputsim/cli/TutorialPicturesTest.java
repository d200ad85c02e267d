package fputsim.cli;

import fputsim.model.report.Counterexample;
import fputsim.model.report.Swimlane;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;
import org.junit.jupiter.params.ParameterizedTest;
import picocli.CommandLine;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tutorial's pictures (docs/tutorial/NN-name.svg) are what fputsim draws today for each
 * scenario at --jobs 1 --iodepth 1 on baseline-6.18 (what `fputsim report -s NN` writes as
 * swimlane.svg). Regenerate on purpose with
 * {@code mvn -o -pl cli test -Dtest=TutorialPicturesTest -Dfputsim.golden.update=true}.
 */
class TutorialPicturesTest {
    static final Path DOCS = Path.of("../docs/tutorial");

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "03", "04", "05"})
    void tutorialPicture_scenario_isUpToDate(String number) throws Exception {
        Scenario s = Scenarios.find(number);
        // the options as the command line gives them, defaults included
        ModelOptions m = CommandLine.populateCommand(new ModelOptions(), "-s", number, "--jobs", "1", "--iodepth", "1");
        ExploreOptions x = CommandLine.populateCommand(new ExploreOptions());
        Counterexample cx = Reports.shown(m.factory(), x);
        String svg = Swimlane.svg(cx);
        Path file = DOCS.resolve(s.key() + ".svg");
        if (Boolean.getBoolean("fputsim.golden.update")) {
            Files.createDirectories(DOCS);
            Files.writeString(file, svg);
        }
        assertThat(file).as("stale picture: mvn -o -pl cli test -Dtest=TutorialPicturesTest -Dfputsim.golden.update=true").exists();
        assertThat(Files.readString(file)).as("%s is stale: regenerate with -Dfputsim.golden.update=true and review", file).isEqualTo(svg);
    }
}
