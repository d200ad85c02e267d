package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** replay --columns, --perfetto, explain, report and overlay, run in-process. */
class ReportsCliTest {
    static final Path GOLDEN = Path.of("../sim-report/src/test/resources/fputsim/model/report/golden");

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String token() throws Exception {
        return Files.readString(GOLDEN.resolve("canonical.token")).strip();
    }

    @Test
    void check_oneJobIodepthOne_printsTheGoldenToken() throws Exception {
        Run r = run("check", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).contains("token:     " + token() + "\n");
    }

    @Test
    void replay_columns_matchesTheGoldenColumns() throws Exception {
        Run r = run("replay", token(), "--columns", "--detail", "summary");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).startsWith(Files.readString(GOLDEN.resolve("columns-summary.txt")));
    }

    @Test
    void explain_noToken_narratesTheCanonicalCounterexample() throws Exception {
        Run r = run("explain");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(r.out()).isEqualTo(Files.readString(GOLDEN.resolve("explain.txt")));
    }

    @Test
    void replayAndCheck_perfetto_writeTheSameChromeTrace(@TempDir Path dir) throws Exception {
        assertThat(run("replay", token(), "--perfetto", dir.resolve("r.json").toString()).code()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(run("check", "--jobs", "1", "--iodepth", "1", "-q", "--perfetto", dir.resolve("c.json").toString()).code())
                .isEqualTo(ExitCodes.VIOLATION);
        assertThat(Files.readString(dir.resolve("c.json"))).isEqualTo(Files.readString(dir.resolve("r.json")));
        assertThat(Files.readString(dir.resolve("r.json"))).startsWith("{\n  \"displayTimeUnit\" : \"ms\"");
    }

    @Test
    void overlay_modelAndKernel_putsBothOnOneTimelineAlignedOnTheAnchors(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        run("replay", token(), "--perfetto", model.toString());
        Path kernel = dir.resolve("kernel.json");
        Files.writeString(kernel, "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[{\"name\":\"umount -> -EBUSY\",\"ph\":\"X\",\"ts\":120000,"
                + "\"dur\":1,\"pid\":2,\"tid\":7}],\"otherData\":{\"anchor_us\":\"120000\"}}");
        Run r = run("overlay", model.toString(), kernel.toString(), "-o", dir.resolve("both.json").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(dir.resolve("both.json").toFile());
        assertThat(doc.fieldNames().next()).isEqualTo("displayTimeUnit");
        long modelViolation = -1;
        long kernelEbusy = -1;
        for (JsonNode e : doc.path("traceEvents")) {
            if (e.path("ph").asText().equals("i") && e.path("pid").asInt() == 1) {
                modelViolation = e.path("ts").asLong();
            }
            if (e.path("pid").asInt() == 2) {
                kernelEbusy = e.path("ts").asLong();
            }
        }
        // the model's instant sits in the middle of the violating step; the anchor is its start
        assertThat(kernelEbusy).isEqualTo(120000);
        assertThat(modelViolation - 500).isEqualTo(kernelEbusy);
    }

    @Test
    void overlay_notATrace_isAUsageError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1,2]");
        Run r = run("overlay", bad.toString(), bad.toString(), "-o", dir.resolve("o.json").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void report_withVariants_writesTheSelfContainedPageAndItsFiles(@TempDir Path dir) throws Exception {
        Run r = run("report", "--out", dir.toString(), "--variants", "baseline-6.18,baseline-6.1");
        assertThat(r.code()).isEqualTo(ExitCodes.VIOLATION);
        for (String f : new String[] {"index.html", "trace.json", "swimlane.svg", "columns.txt", "explain.txt"}) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("<table class=\"compare\">", "<td>baseline-6.1</td>").doesNotContain("http://", "https://");
    }
}
