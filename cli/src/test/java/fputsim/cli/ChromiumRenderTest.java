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

    /** The text of the Columns section as the browser shows it: rows the quiz hides are left out. */
    static String visibleColumns(String dom) {
        Matcher pre = Pattern.compile("<pre class=\"columns\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(pre.find()).as("the Columns section").isTrue();
        String shown = pre.group(1).replaceAll("(?s)<span data-step=\"\\d+\" class=\"hidden\">.*?</span>", "");
        return shown.replaceAll("<[^>]+>", "");
    }

    /**
     * The quiz (index.html#quiz starts it, as the Quiz button does) hides the answer everywhere:
     * before any step is revealed, the Columns section shows no row past the first step (no
     * umount, no EBUSY), the why-sentence is hidden, and only step 1 is in the swimlane. Without
     * the quiz the same page shows all of it. Chromium renders both (screenshots kept in the
     * test's folder) and dumps the DOM its scripts left.
     */
    @Test
    void report_quizInHeadlessChromium_columnsDoNotGiveAwayTheAnswer(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "not run: chromium is not installed (bash docs/install-chromium.sh)");
        Path out = dir.resolve("report");
        assertThat(ReportsCliTest.run("report", "--out", out.toString()).code()).isEqualTo(ExitCodes.VIOLATION);
        String page = out.resolve("index.html").toUri().toString();
        Path shot = dir.resolve("quiz.png");
        exec(chromium(dir.resolve("ud1"), "--window-size=1400,2400", "--screenshot=" + shot, page + "#quiz"), dir.resolve("c1.log"));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        String quiz = exec(chromium(dir.resolve("ud2"), "--dump-dom", page + "#quiz"), dir.resolve("c2.log"));
        String all = exec(chromium(dir.resolve("ud3"), "--dump-dom", page), dir.resolve("c3.log"));

        assertThat(visibleColumns(all)).contains("umount /mnt -&gt; -EBUSY", "kill -9 fio-100");
        // step 1 is shown by design; since model m2 the shrunk schedule's step 1 is the kill itself
        // (the question, not the answer), so only what follows it must stay hidden
        assertThat(visibleColumns(quiz)).contains("step  ").doesNotContain("EBUSY", "umount /mnt", "delayed_fput")
                .doesNotContainPattern("(?m)^\\s+2  ");
        assertThat(quiz).contains("step 1 of ").containsPattern("<p class=\"why hidden\" data-step=\"\\d+\">Why umount is busy: ");
        assertThat(all).containsPattern("<p class=\"why\" data-step=\"\\d+\">Why umount is busy: at step \\d+, /mnt has mnt_count=");
        // every element of a later step is hidden in the quiz, in every section
        Matcher m = Pattern.compile("<(\\w+)[^>]*? data-step=\"(\\d+)\"[^>]*>").matcher(quiz);
        int later = 0;
        while (m.find()) {
            if (Integer.parseInt(m.group(2)) > 1) {
                later++;
                assertThat(m.group()).as("hidden in the quiz").contains("hidden");
            }
        }
        assertThat(later).isGreaterThan(50);
    }
}
