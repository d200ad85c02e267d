package fputsim.model.report;

import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counterexample as an SVG swimlane: one lane per actor (in order of first appearance), one
 * box per step on the lane of the actor that ran it, short labels for the steps that change a
 * reference or a task's state, deferred work as curved dashed arrows from the step that queued it
 * to the step that ran it (drawn under the boxes and the haloed labels, so no arrow crosses a
 * label), and the violating step as a red line across every lane. Every box has a
 * {@code <title>} (the step's events) and a {@code data-step}, which the HTML quiz uses.
 * Deterministic: the same counterexample gives the same bytes (the docs' pictures are checked).
 */
public final class Swimlane {
    private static final int LABEL = 150;
    private static final int LANE = 34;
    private static final int TOP = 30;

    private Swimlane() {
    }

    public static String svg(Counterexample cx) {
        List<String> actors = cx.actors();
        int steps = Math.max(1, cx.steps());
        int dx = Math.max(8, Math.min(18, 1000 / steps));
        int width = LABEL + (steps + 2) * dx + 160;
        int height = TOP + actors.size() * LANE + 30;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swimlane\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"10\">%n", width, height, width, height));
        sb.append("<title>").append(esc(cx.title())).append("</title>\n");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7a4fb5\"/></marker></defs>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (int i = 0; i < actors.size(); i++) {
            int y = TOP + i * LANE;
            sb.append(String.format(Locale.ROOT, "<g class=\"lane\" data-actor=\"%s\"><rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                    + "<text x=\"6\" y=\"%d\" font-weight=\"bold\">%s</text></g>%n",
                    esc(actors.get(i)), y, width, LANE, laneFill(i), y + LANE / 2 + 4, esc(actors.get(i))));
        }
        for (int s = 0; s <= steps; s += 10) {
            int x = LABEL + s * dx;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">%d</text>%n", x, TOP - 8, s));
        }
        int v = cx.violationStep();
        if (v >= 0) {
            int x = LABEL + v * dx + dx / 2;
            sb.append(String.format(Locale.ROOT, "<g class=\"violation\" data-step=\"%d\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d62728\""
                    + " stroke-width=\"2\"/><text x=\"%d\" y=\"%d\" fill=\"#d62728\" font-weight=\"bold\">%s violated at step %d</text></g>%n",
                    v, x, TOP - 4, x, TOP + actors.size() * LANE, x + 4, height - 10, esc(cx.violations().get(0).outcome()), v));
        }
        // Deferred work first: the step boxes and their labels are drawn over the dashed arrows,
        // and each label has a halo of its lane's colour, so that no arrow runs through a label.
        for (Deferrals.Flow f : cx.flows()) {
            if (!f.ran() || actors.indexOf(f.fromActor()) < 0 || actors.indexOf(f.toActor()) < 0) {
                continue;
            }
            int x1 = LABEL + f.from() * dx + dx / 2;
            int y1 = TOP + actors.indexOf(f.fromActor()) * LANE + 16;
            int x2 = LABEL + f.to() * dx + dx / 2;
            int y2 = TOP + actors.indexOf(f.toActor()) * LANE + 4; // the top edge of the step box it ran in
            int bend = y1 == y2 ? -14 : 0;
            sb.append(String.format(Locale.ROOT, "<path class=\"deferred\" data-step=\"%d\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#7a4fb5\""
                    + " stroke-dasharray=\"4 2\" marker-end=\"url(#arrow)\"><title>%s</title></path>%n",
                    f.to(), x1, y1, x1 + (x2 - x1) / 3, y1 + bend, x2 - (x2 - x1) / 3, y2 + bend, x2, y2,
                    esc(f.item() + " on " + f.queue() + ": queued at step " + f.from() + " by " + f.fromActor() + ", run at step " + f.to() + " by " + f.toActor())));
        }
        int[] labelEnd = new int[actors.size()];
        for (Ledger.Snapshot s : cx.ledger()) {
            int lane = actors.indexOf(s.actor());
            if (lane < 0) {
                continue;
            }
            List<TraceEntry> es = entries(cx, s.step());
            boolean key = es.stream().anyMatch(e -> e.event().summary());
            int x = LABEL + s.step() * dx;
            int y = TOP + lane * LANE;
            String fill = s.step() == v ? "#d62728" : key ? "#1f77b4" : "#aec7e8";
            StringBuilder tip = new StringBuilder("step " + s.step() + " " + s.actor());
            for (TraceEntry e : es) {
                tip.append("\n").append(e.event().name()).append(": ").append(e.event().fields());
            }
            sb.append(String.format(Locale.ROOT, "<g class=\"step\" data-step=\"%d\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" rx=\"2\" fill=\"%s\">"
                    + "<title>%s</title></rect>", s.step(), x + 1, y + 4, Math.max(3, dx - 2), fill, esc(tip.toString())));
            String label = label(es);
            if (label != null && x >= labelEnd[lane]) {
                sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" font-size=\"9\" stroke=\"%s\" stroke-width=\"4\""
                        + " paint-order=\"stroke\">%s</text>", x, y + 28, laneFill(lane), esc(label)));
                labelEnd[lane] = x + label.length() * 6 + 4;
            }
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String laneFill(int lane) {
        return lane % 2 == 0 ? "#f4f6fa" : "#ffffff";
    }

    /** The label of a step: its first event that changes a reference, a result or a task's state. */
    static String label(List<TraceEntry> es) {
        for (TraceEntry e : es) {
            Event ev = e.event();
            if (ev instanceof Event.ExitStep x && !x.summary()) {
                continue;
            }
            if (ev.summary() && !(ev instanceof Event.TaskExit)) {
                return Short.of(ev);
            }
        }
        return null;
    }

    static List<TraceEntry> entries(Counterexample cx, int step) {
        List<TraceEntry> out = new ArrayList<>();
        for (TraceEntry e : cx.trace()) {
            if (e.step() == step) {
                out.add(e);
            }
        }
        return out;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
