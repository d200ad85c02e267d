package fputsim.model.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    private final Counterexample cx = Canonical.counterexample();

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void render_canonical_drawsOneSvgLanePerActor() {
        String html = HtmlReport.render(cx, null);
        assertThat(count(html, "<svg ")).isEqualTo(1);
        assertThat(count(html, "<g class=\"lane\"")).isEqualTo(cx.actors().size());
        for (String a : cx.actors()) {
            assertThat(html).contains("data-actor=\"" + a + "\"");
        }
        assertThat(html).contains("class=\"violation\" data-step=\"" + cx.violationStep() + "\"");
        assertThat(count(html, "class=\"deferred\"")).isEqualTo(cx.flows().size());
    }

    @Test
    void render_canonical_isSelfContained() {
        String html = HtmlReport.render(cx, new HtmlReport.Table(List.of("variant", "x"), List.of(List.of("a", "b"))));
        assertThat(html).doesNotContain("http://", "https://", "<link", "src=", "@import");
    }

    @Test
    void render_withVariants_addsTheCompareTableAndTheQuiz() {
        String html = HtmlReport.render(cx, new HtmlReport.Table(List.of("variant", "umount-busy-after-reap"),
                List.of(List.of("baseline-6.18", "Sometimes 4/8"), List.of("baseline-6.1", "Never"))));
        assertThat(html).contains("<table class=\"compare\">", "<td>Sometimes 4/8</td>", "id=\"quiz-next\"");
        assertThat(HtmlReport.render(cx, null)).doesNotContain("<table class=\"compare\">");
    }

    @Test
    void render_stepList_namesKernelFunctionsAndFiles() {
        String html = HtmlReport.render(cx, null);
        assertThat(html).contains("<code>io_uring_release</code></td><td>io_uring/io_uring.c",
                "<code>delayed_fput</code></td><td>fs/file_table.c", "<code>sys_exit_umount</code></td><td>fs/namespace.c");
    }

    @Test
    void swimlane_sameCounterexample_sameBytes() {
        assertThat(Swimlane.svg(Canonical.counterexample())).isEqualTo(Swimlane.svg(cx));
    }

    /** The Columns section holds the answer: each of its rows carries its step, so that the quiz hides it. */
    @Test
    void render_columns_everyRowTaggedWithItsStep() {
        String html = HtmlReport.render(cx, null);
        String pre = html.substring(html.indexOf("<pre class=\"columns\">"), html.indexOf("</pre>", html.indexOf("<pre class=\"columns\">")));
        assertThat(pre).contains("<span data-step=\"" + cx.violationStep() + "\">  " + cx.violationStep() + "  ");
        for (String line : pre.split("\n")) {
            if (line.contains("EBUSY") || line.contains("kill -9") || line.contains("__fput")) {
                assertThat(line).as("a row of a step").containsPattern("^(</span>)?<span data-step=\"[0-9]+\">");
            }
        }
    }

    /** explain.txt's reason, one sentence on the page, revealed with the violating step. */
    @Test
    void render_canonical_saysWhyUmountIsBusy() {
        String html = HtmlReport.render(cx, null);
        assertThat(html).contains("<p class=\"why\" data-step=\"" + cx.violationStep() + "\">Why umount is busy: at step "
                + cx.violationStep() + ", /mnt has mnt_count=2, held by namespace (to be dropped by umount), file foo#0"
                + " (to be dropped by delayed_fput_list).</p>");
        assertThat(Narration.render(cx)).contains("/mnt has mnt_count=2, held by namespace (to be dropped by umount), file");
    }

    /** Dashed arrows are drawn first, under the step boxes, and every step label has a halo of its lane's colour. */
    @Test
    void swimlane_deferredArrows_runUnderHaloedLabels() {
        String svg = Swimlane.svg(cx);
        int lastArrow = svg.lastIndexOf("class=\"deferred\"");
        assertThat(lastArrow).isPositive();
        assertThat(svg.indexOf("<g class=\"step\"")).isGreaterThan(lastArrow);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<text class=\"label\"[^>]*>").matcher(svg);
        int labels = 0;
        while (m.find()) {
            labels++;
            assertThat(m.group()).contains("paint-order=\"stroke\"", "stroke-width=\"4\"");
        }
        assertThat(labels).isGreaterThan(5);
    }
}
