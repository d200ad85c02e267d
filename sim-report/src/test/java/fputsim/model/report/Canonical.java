package fputsim.model.report;

import fputsim.explore.ReplayToken;
import fputsim.model.ModelFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The canonical counterexample: scenario 03 at 1 job x iodepth 1 on baseline-6.18, the token
 * {@code fputsim check --jobs 1 --iodepth 1} prints (kept in golden/canonical.token; the cli's
 * GoldenTokenTest checks that check still prints it). Golden files are compared byte for byte;
 * {@code -Dfputsim.golden.update=true} rewrites them, to be reviewed as a diff.
 */
final class Canonical {
    static final Path GOLDEN = Path.of("src/test/resources/fputsim/model/report/golden");

    private Canonical() {
    }

    static String token() {
        return read("canonical.token").strip();
    }

    static Counterexample counterexample() {
        ReplayToken t = ReplayToken.decode(token());
        ModelFactory f = ModelFactory.fromId(t.programId(), fputsim.model.variant.Variants::find);
        return Counterexample.replay(f, t);
    }

    static String read(String name) {
        try {
            return Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean updating() {
        return Boolean.getBoolean("fputsim.golden.update");
    }

    /** Compares with the golden file, or rewrites it when updating. */
    static void assertGolden(String name, String actual) {
        if (updating()) {
            try {
                Files.writeString(GOLDEN.resolve(name), actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        org.assertj.core.api.Assertions.assertThat(actual)
                .as("golden file %s (regenerate on purpose with -Dfputsim.golden.update=true and review the diff)", name)
                .isEqualTo(read(name));
    }
}
