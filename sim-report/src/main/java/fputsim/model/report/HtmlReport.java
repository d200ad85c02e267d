package fputsim.model.report;

import fputsim.model.trace.TraceEntry;

import java.util.List;

/**
 * {@code fputsim report}: one self-contained HTML page (no network, no CDN, no external file):
 * the swimlane, a quiz that reveals the interleaving one step at a time, the step list in kernel
 * vocabulary (function and source file), the reference ledger after each step that changed it,
 * the N-column text, and the compare table when several variants were given.
 */
public final class HtmlReport {
    /** A compare table: a header row, then one row per variant. */
    public record Table(List<String> header, List<List<String>> rows) {
    }

    private HtmlReport() {
    }

    public static String render(Counterexample cx, Table compare) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>fputsim: ")
                .append(esc(cx.title())).append("</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n");
        sb.append("<h1>").append(esc(cx.scenario())).append(" on ").append(esc(cx.variant())).append("</h1>\n");
        sb.append("<p>").append(esc(cx.title())).append(". ");
        if (cx.violations().isEmpty()) {
            sb.append("No property is violated in this schedule.");
        } else {
            for (Counterexample.Violation v : cx.violations()) {
                sb.append("<strong class=\"bad\">").append(esc(v.outcome())).append("</strong> (").append(esc(v.property()))
                        .append(") is violated at step ").append(v.step()).append(". ");
            }
        }
        sb.append("</p>\n");
        String why = Narration.why(cx);
        if (why != null) {
            // part of the answer: the quiz hides it until the violating step is shown
            sb.append("<p class=\"why\" data-step=\"").append(cx.violationStep()).append("\">").append(esc(why)).append("</p>\n");
        }
        sb.append("<p>Replay: <code>./fputsim replay ").append(esc(cx.token())).append(" --detail full</code></p>\n");
        sb.append("<h2>Swimlane</h2>\n<p>One lane per actor; a box per step (dark: changes a reference or a task's state,"
                + " red: the violating step); dashed arrows: deferred work, from where it was queued to where it ran."
                + " Hover for the events.</p>\n");
        sb.append("<div id=\"quiz\"><button id=\"quiz-start\">Quiz: hide the interleaving</button> <button id=\"quiz-next\">Next step</button>"
                + " <button id=\"quiz-all\">Show all</button> <span id=\"quiz-status\"></span></div>\n");
        sb.append("<div class=\"lanes\">").append(Swimlane.svg(cx).replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")).append("</div>\n");
        steps(sb, cx);
        ledger(sb, cx);
        if (compare != null) {
            sb.append("<h2>Compare</h2>\n<table class=\"compare\"><tr>");
            compare.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
            sb.append("</tr>\n");
            for (List<String> row : compare.rows()) {
                sb.append("<tr>");
                row.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<h2>Columns</h2>\n<pre class=\"columns\">");
        columns(sb, Columns.render(cx, TraceText.Detail.SUMMARY));
        sb.append("</pre>\n");
        sb.append("<p>Perfetto: open <code>trace.json</code> (beside this page) in ui.perfetto.dev.</p>\n");
        sb.append("<script>\n").append(JS).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    /**
     * The N-column text, each row tagged with its step (a continuation row with the row above),
     * so that the quiz hides the rows of the steps not shown yet: the columns hold the answer.
     */
    private static void columns(StringBuilder sb, String text) {
        String step = null;
        for (String line : text.split("\n", -1)) {
            java.util.regex.Matcher m = STEP_ROW.matcher(line);
            if (m.find()) {
                step = m.group(1);
            } else if (line.startsWith("#") || line.startsWith("step ") || line.startsWith("----")) {
                step = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (step == null || line.startsWith("#")) {
                sb.append(esc(line)).append('\n');
            } else {
                sb.append("<span data-step=\"").append(step).append("\">").append(esc(line)).append("\n</span>");
            }
        }
    }

    private static final java.util.regex.Pattern STEP_ROW = java.util.regex.Pattern.compile("^ *([0-9]+)  ");

    private static void steps(StringBuilder sb, Counterexample cx) {
        sb.append("<h2>Steps</h2>\n<table class=\"steps\"><tr><th>step</th><th>actor</th><th>event</th><th>kernel function</th><th>file</th></tr>\n");
        for (TraceEntry e : cx.trace()) {
            String fn = e.event() instanceof fputsim.model.trace.Event.Step s ? s.function() : e.event().name();
            String cls = e.step() == cx.violationStep() ? " class=\"bad\"" : e.event().summary() ? " class=\"key\"" : "";
            sb.append("<tr data-step=\"").append(e.step()).append("\"").append(cls).append("><td>").append(e.step()).append("</td><td>")
                    .append(esc(e.actor())).append("</td><td>").append(esc(Short.of(e.event()))).append("</td><td><code>")
                    .append(esc(fn.replaceAll("[(: ].*", ""))).append("</code></td><td>").append(esc(Sources.file(fn))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void ledger(StringBuilder sb, Counterexample cx) {
        sb.append("<h2>Reference ledger</h2>\n<p>After each step that changed it: who holds each file and mount reference,"
                + " and (after &larr;) the deferred item that will drop it.</p>\n<table class=\"ledger\"><tr><th>after step</th><th>ledger</th></tr>\n");
        String last = null;
        for (Ledger.Snapshot s : cx.ledger()) {
            String d = s.describe();
            if (!d.equals(last)) {
                sb.append("<tr data-step=\"").append(s.step()).append("\"><td>").append(s.step()).append("</td><td>")
                        .append(esc(d).replace(" &lt;- ", " &larr; ")).append("</td></tr>\n");
            }
            last = d;
        }
        sb.append("</table>\n");
    }

    static String esc(String s) {
        return Swimlane.esc(s);
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            code, pre { font-family: monospace; font-size: 12px; }
            .lanes { overflow-x: auto; border: 1px solid #ccc; }
            table { border-collapse: collapse; font-size: 12px; margin: 0.5em 0; }
            td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
            tr.key td { background: #eef4fb; }
            .bad, tr.bad td { color: #b00; font-weight: bold; }
            .hidden { visibility: hidden; }
            tr.hidden, pre span.hidden, p.why.hidden { display: none; }
            p.why { background: #fff4f4; border-left: 4px solid #b00; padding: 4px 8px; }
            """;

    /**
     * The quiz: hide every step, then reveal one per click: the swimlane, the steps, the ledger,
     * the columns' rows and the why-sentence (everything tagged with a data-step). index.html#quiz
     * opens the page in the quiz.
     */
    private static final String JS = """
            (function () {
              var shown = -1, steps = [];
              document.querySelectorAll('[data-step]').forEach(function (e) {
                var s = +e.getAttribute('data-step'); if (steps.indexOf(s) < 0) steps.push(s); });
              steps.sort(function (a, b) { return a - b; });
              function apply() {
                var limit = shown < 0 ? Infinity : (shown < steps.length ? steps[shown] : Infinity);
                document.querySelectorAll('[data-step]').forEach(function (e) {
                  e.classList.toggle('hidden', +e.getAttribute('data-step') > limit); });
                document.getElementById('quiz-status').textContent = shown < 0 ? '' :
                  (shown < steps.length ? 'step ' + steps[shown] + ' of ' + steps[steps.length - 1] + ': what happens next?' : 'all shown');
              }
              document.getElementById('quiz-start').onclick = function () { shown = 0; apply(); };
              document.getElementById('quiz-next').onclick = function () { if (shown >= 0) { shown++; apply(); } };
              document.getElementById('quiz-all').onclick = function () { shown = -1; apply(); };
              if (location.hash === '#quiz') { shown = 0; apply(); } // a link straight into the quiz
            })();
            """;
}
