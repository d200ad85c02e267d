package fputsim.tests.verdicts;

import fputsim.model.Variant;
import fputsim.model.variant.Variants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Exhaustive verdicts of every registered variant on the small configurations match the committed
 * expectation: a baseline that stops reproducing the bug fails the build just as a fix that breaks does.
 */
class ExplorerVerdictsTest {

    @TestFactory
    Stream<DynamicTest> exhaustiveVerdicts_everyVariant_matchTheCommittedExpectation() throws IOException {
        if (Boolean.getBoolean("fputsim.verdicts.write")) {
            write();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : Variants.all()) {
            tests.add(DynamicTest.dynamicTest(v.name(), () -> {
                List<ExplorerVerdicts.Line> expected = ExplorerVerdicts.committed(v.name());
                Assumptions.assumeTrue(!expected.isEmpty(), "no committed expectation for " + v.name()
                        + " yet; regenerate with -Dfputsim.verdicts.write=true and review the diff");
                List<String> diff = ExplorerVerdicts.differences(expected, ExplorerVerdicts.explore(v, v.name()));
                if (!diff.isEmpty()) {
                    throw new AssertionError(v.name() + ": verdicts differ from " + ExplorerVerdicts.SOURCE + " (expected -> actual):\n  "
                            + String.join("\n  ", diff));
                }
            }));
        }
        return tests.stream();
    }

    private static void write() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Exhaustive explorer verdicts (DPOR + sleep sets) on the small configurations; checked by ExplorerVerdictsTest.\n");
        sb.append("# Regenerate on purpose and review the diff:\n");
        sb.append("#   mvn -B -ntp -pl sim-tests verify -Dtest=ExplorerVerdictsTest -Dfputsim.verdicts.write=true\n");
        sb.append("# scenario config variant outcome verdict violating not-violating\n");
        for (Variant v : Variants.all()) {
            for (ExplorerVerdicts.Line l : ExplorerVerdicts.explore(v, v.name())) {
                sb.append(l).append('\n');
            }
        }
        Files.writeString(Path.of(ExplorerVerdicts.SOURCE), sb.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + ExplorerVerdicts.SOURCE);
    }
}
