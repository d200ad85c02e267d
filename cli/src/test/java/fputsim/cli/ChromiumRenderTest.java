package fputsim.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the report in headless Chromium (Debian's chromium; docs/install-chromium.sh installs
 * it), takes a screenshot and reads back the DOM the browser built: the swimlane is drawn (a
 * non-empty SVG with one lane per actor) and the page made no network request (the browser runs
 * with networking off). Skips with one line when chromium is missing.
 */
class ChromiumRenderTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static List<String> chromium(Path userData, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + userData, "--window-size=1400,1000"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String exec(List<String> cmd, Path log) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    @Test
    void report_inHeadlessChromium_drawsOneLanePerActor(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "not run: chromium is not installed (bash docs/install-chromium.sh)");
        Path out = dir.resolve("report");
        assertThat(ReportsCliTest.run("report", "--out", out.toString()).code()).isEqualTo(ExitCodes.VIOLATION);
        String page = out.resolve("index.html").toUri().toString();
        Path shot = dir.resolve("report.png");
        exec(chromium(dir.resolve("ud1"), "--screenshot=" + shot, page), dir.resolve("chromium1.log"));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        String dom = exec(chromium(dir.resolve("ud2"), "--dump-dom", page), dir.resolve("chromium2.log"));
        String explain = Files.readString(out.resolve("explain.txt"));
        assertThat(dom).contains("<svg", "class=\"swimlane\"", "id=\"quiz-next\"");
        Matcher m = Pattern.compile("<g class=\"lane\" data-actor=\"([^\"]+)\"").matcher(dom);
        List<String> lanes = new java.util.ArrayList<>();
        while (m.find()) {
            lanes.add(m.group(1));
        }
        assertThat(lanes).hasSize(8).contains("bash-99", "fio-100", "fio-101", "umount-200", "kworker/u8:3-1003");
        assertThat(explain).contains("umount(2) of /mnt returns -16 (EBUSY)");
    }
}
