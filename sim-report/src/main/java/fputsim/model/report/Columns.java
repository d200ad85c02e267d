package fputsim.model.report;

import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The N-column interleaving, in the style of the CPU0/CPU1 scenarios of kernel changelogs: one
 * column per actor, rows are steps, results inline ({@code umount /mnt -> -EBUSY}), at most
 * {@code width} characters, plain ASCII, to paste into a commit message.
 *
 * <p>Columns are lanes: actors that are never busy at the same time share one (fio-100, then
 * fio-101; one kworker after another), user tasks and kernel threads apart; a line
 * {@code [fio-101]} marks where a lane changes hands. Every step runs one actor, so a row has one
 * cell, and a long cell runs on into the empty lanes at its right, up to the width.
 */
public final class Columns {
    /** The default width: fits an 80-column mail with room, and a 100-column commit message. */
    public static final int WIDTH = 100;
    private static final int STEP = 6;

    private Columns() {
    }

    public static String render(Counterexample cx, TraceText.Detail detail) {
        return render(cx, detail, WIDTH);
    }

    public static String render(Counterexample cx, TraceText.Detail detail, int width) {
        List<TraceEntry> rows = new ArrayList<>();
        int elided = 0;
        for (TraceEntry e : cx.trace()) {
            if (detail == TraceText.Detail.SUMMARY && !e.event().summary()) {
                elided++;
            } else {
                rows.add(e);
            }
        }
        List<List<String>> lanes = lanes(rows, width);
        int col = Math.max(12, (width - STEP) / Math.max(1, lanes.size()));
        StringBuilder sb = new StringBuilder();
        sb.append(clip("# scenario " + cx.scenario() + " on " + cx.variant() + " (Linux " + cx.kernel() + ")", width)).append('\n');
        sb.append(clip("# " + cx.config(), width)).append('\n');
        StringBuilder head = new StringBuilder("step");
        StringBuilder rule = new StringBuilder("----");
        for (int i = 0; i < lanes.size(); i++) {
            pad(head, STEP + i * col);
            pad(rule, STEP + i * col);
            head.append(clip(lanes.get(i).get(0), col - 1));
            rule.append("-".repeat(Math.min(col - 1, Math.max(4, lanes.get(i).get(0).length()))));
        }
        sb.append(head.toString().stripTrailing()).append('\n').append(rule).append('\n');
        String[] occupant = new String[lanes.size()];
        int lastStep = -1;
        int marked = -1;
        int violation = cx.violationStep();
        for (int r = 0; r < rows.size(); r++) {
            TraceEntry e = rows.get(r);
            int lane = laneOf(lanes, e.actor());
            int at = STEP + lane * col;
            if (occupant[lane] != null && !occupant[lane].equals(e.actor())) {
                sb.append(" ".repeat(at)).append(clip("[" + e.actor() + "]", width - at)).append('\n');
            }
            occupant[lane] = e.actor();
            StringBuilder line = new StringBuilder();
            if (e.step() != lastStep) {
                line.append(String.format(Locale.ROOT, "%4d", e.step()));
            }
            lastStep = e.step();
            pad(line, at);
            line.append(clip(Short.of(e.event()), width - at));
            sb.append(line).append('\n');
            boolean nextPast = r + 1 == rows.size() || rows.get(r + 1).step() > violation;
            if (violation >= 0 && marked < 0 && e.step() <= violation && nextPast) {
                marked = violation;
                for (Counterexample.Violation v : cx.violations()) {
                    if (v.step() == violation) {
                        String m = "^^^ " + v.outcome() + " (" + v.property() + ")";
                        sb.append(" ".repeat(Math.min(at, Math.max(0, width - m.length())))).append(clip(m, width)).append('\n');
                    }
                }
            }
        }
        if (elided > 0) {
            sb.append("# ").append(elided).append(" events elided (--detail steps shows them)\n");
        }
        return sb.toString();
    }

    /** Greedy interval packing: each lane is a list of actors, in the order they take the lane. */
    static List<List<String>> lanes(List<TraceEntry> rows, int width) {
        List<List<String>> user = new ArrayList<>();
        List<List<String>> kernel = new ArrayList<>();
        pack(rows, user, kernel, true);
        if ((user.size() + kernel.size()) * 16 > width - STEP) {
            user.clear();
            kernel.clear();
            pack(rows, user, kernel, false);
        }
        List<List<String>> out = new ArrayList<>(user);
        out.addAll(kernel);
        return out;
    }

    private static void pack(List<TraceEntry> rows, List<List<String>> user, List<List<String>> kernel, boolean split) {
        List<String> actors = new ArrayList<>();
        for (TraceEntry e : rows) {
            if (!actors.contains(e.actor())) {
                actors.add(e.actor());
            }
        }
        for (String a : actors) {
            List<List<String>> lanes = !split || !kernelThread(a) ? user : kernel;
            int first = firstStep(rows, a);
            List<String> fit = null;
            for (List<String> lane : lanes) {
                if (lastStep(rows, lane.get(lane.size() - 1)) < first) {
                    fit = lane;
                    break;
                }
            }
            if (fit == null) {
                fit = new ArrayList<>();
                lanes.add(fit);
            }
            fit.add(a);
        }
    }

    /** A display rule only: kworkers, interrupts, io-wq and SQPOLL threads are drawn apart from user tasks. */
    static boolean kernelThread(String actor) {
        return actor.startsWith("kworker/") || actor.startsWith("irq/") || actor.startsWith("iou-");
    }

    private static int firstStep(List<TraceEntry> rows, String actor) {
        for (TraceEntry e : rows) {
            if (e.actor().equals(actor)) {
                return e.step();
            }
        }
        return -1;
    }

    private static int lastStep(List<TraceEntry> rows, String actor) {
        int last = -1;
        for (TraceEntry e : rows) {
            if (e.actor().equals(actor)) {
                last = e.step();
            }
        }
        return last;
    }

    private static int laneOf(List<List<String>> lanes, String actor) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).contains(actor)) {
                return i;
            }
        }
        throw new IllegalStateException("no lane for " + actor);
    }

    private static void pad(StringBuilder sb, int to) {
        while (sb.length() < to) {
            sb.append(' ');
        }
    }

    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return max <= 2 ? s.substring(0, Math.max(0, max)) : s.substring(0, max - 2) + "..";
    }
}
