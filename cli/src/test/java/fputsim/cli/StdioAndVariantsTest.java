package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `-` for standard output and input; compare with several variant classes; what bad input used to slip through still runs when it is good. */
class StdioAndVariantsTest {
    @Test
    void check_jsonDash_writesTheDocumentToStdoutAndTheTextToStderr(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q", "--json", "-");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("schema").asText()).isEqualTo("fputsim-check/1");
        assertThat(r.err()).contains("Observation ", "token:");
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void replay_perfettoDash_isTheSameTraceAsTheFile(@TempDir Path dir) throws Exception {
        String token = Files.readString(ReportsCliTest.GOLDEN.resolve("canonical.token")).strip();
        Cli toStdout = Cli.run("replay", token, "--perfetto", "-");
        Cli toFile = Cli.run("replay", token, "--perfetto", dir.resolve("p.json").toString());
        assertThat(toStdout.out()).isEqualTo(Files.readString(dir.resolve("p.json")));
        assertThat(toStdout.err()).isEqualTo(toFile.out());
    }

    @Test
    void overlay_dashes_readStdinAndWriteStdout(@TempDir Path dir) throws Exception {
        String token = Files.readString(ReportsCliTest.GOLDEN.resolve("canonical.token")).strip();
        String model = Cli.run("replay", token, "--perfetto", "-").out();
        Path kernel = dir.resolve("kernel.json");
        Files.writeString(kernel, "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[{\"name\":\"umount -> -EBUSY\",\"ph\":\"X\",\"ts\":120000,"
                + "\"dur\":1,\"pid\":2,\"tid\":7}],\"otherData\":{\"anchor_us\":\"120000\"}}");
        InputStream old = Outputs.stdin;
        Cli r;
        try {
            Outputs.stdin = new ByteArrayInputStream(model.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            r = Cli.run("overlay", "-", kernel.toString(), "-o", "-");
        } finally {
            Outputs.stdin = old;
        }
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("traceEvents").size()).isGreaterThan(10);
        assertThat(r.err()).startsWith("overlay: -");
    }

    @Test
    void compare_severalVariantClassesAndClassNamesInVariants_allInTheTable() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "-q", "--variants", "baseline-6.18,com.example.bad.Good",
                "--variant-class", "com.example.bad.GoodToo");
        assertThat(r.code()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.VIOLATION);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("\nbaseline-6.18 ", "\ngood-copy ", "\ngood-copy-too ", "3 variants in ");
    }

    @Test
    void check_goodVariantClassWithoutVariant_runs() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q", "--variant-class", "com.example.bad.Good");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).contains("variant   good-copy: ", "--variant-class com.example.bad.Good");
    }

    @Test
    void check_psyncWithoutRingOptions_runs() {
        Cli r = Cli.run("check", "--engine", "psync", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(r.code()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.VIOLATION, ExitCodes.INCOMPLETE);
        assertThat(r.out()).contains("engine=psync");
    }
}
