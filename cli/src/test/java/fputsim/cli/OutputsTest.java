package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes are whole or not at all: a failure half-way (a full disk) leaves neither a file nor a temporary. */
class OutputsTest {
    @Test
    void write_failingHalfWay_leavesNoFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("trace.json");
        assertThatThrownBy(() -> Outputs.write(p, o -> {
            o.write("{\"traceEvents\": [".getBytes());
            throw new IOException("No space left on device");
        })).isInstanceOf(UsageError.class).hasMessage("cannot write " + p + ": No space left on device");
        assertThat(p).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void write_failingHalfWay_keepsTheOldFileWhole(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("r.json");
        Files.writeString(p, "old, complete");
        assertThatThrownBy(() -> Outputs.write(p, o -> {
            o.write("new, trunc".getBytes());
            throw new java.io.UncheckedIOException(new IOException("disk quota exceeded"));
        })).isInstanceOf(UsageError.class);
        assertThat(p).hasContent("old, complete");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(p);
        }
    }

    @Test
    void write_dash_goesToStandardOutput(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = Outputs.stdout;
        try {
            Outputs.stdout = new java.io.PrintStream(out, true);
            Outputs.writeText(Path.of("-"), "hello\n");
        } finally {
            Outputs.stdout = old;
        }
        assertThat(out.toString()).isEqualTo("hello\n");
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void createDirectory_thenFailure_removesOnlyWhatItMade(@TempDir Path dir) throws IOException {
        Path d = dir.resolve("a/b/c");
        Outputs.createDirectory("--out", d);
        assertThat(d).isDirectory();
        Outputs.removeIfCreated(d);
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir).isDirectory();
    }
}
