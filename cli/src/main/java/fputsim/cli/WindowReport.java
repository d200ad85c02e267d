package fputsim.cli;

import fputsim.model.timed.MonteCarlo;
import fputsim.model.timed.TimedParams;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * predict-window's output: the table (one row per delay), a text histogram of the window at the
 * first delay, and with --report hand-written SVG plots (busy probability against delay; window
 * histogram) in a self-contained HTML page (no scripts, no network).
 */
final class WindowReport {
    /** Histogram bin width, ms: half a jiffy at HZ=250 resolves the one- and two-jiffy modes. */
    static final double BIN_MS = 2;

    private WindowReport() {
    }

    record Table(String programId, String variant, List<MonteCarlo.Point> points) {
    }

    static void print(PrintStream out, Table t, int runs, long seed, TimedParams p, List<String> overrides) {
        out.printf(Locale.ROOT, "predict-window: %s, %d timed runs per delay, seed %d%n", t.programId(), runs, seed);
        out.println("parameters: " + (overrides.isEmpty() ? "defaults" : String.join(" ", overrides))
                + " (--list-params shows all, with sources)");
        out.println("delay_ms  busy   busy_runs  window_p10_ms  window_p50_ms  window_p90_ms  window_max_ms  kill_to_wait_p50_ms");
        for (MonteCarlo.Point pt : t.points()) {
            out.printf(Locale.ROOT, "%8s  %.3f  %9d  %13s  %13s  %13s  %13s  %19s%n", PredictWindowCommand.fmt(pt.delayMs()),
                    pt.busyRate(), pt.busy(), ms(pt.windowQuantile(0.1)), ms(pt.windowQuantile(0.5)),
                    ms(pt.windowQuantile(0.9)), ms(pt.windowQuantile(1)), ms(pt.killToWaitMedian()));
        }
        MonteCarlo.Point first = t.points().get(0);
        out.printf(Locale.ROOT, "window histogram at delay %s ms (busy runs, %s ms bins):%n",
                PredictWindowCommand.fmt(first.delayMs()), PredictWindowCommand.fmt(BIN_MS));
        int[] h = histogram(first.windowsMs());
        int max = 1;
        for (int c : h) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0) {
                out.printf(Locale.ROOT, "  %5.0f-%-5.0f %5d %s%n", i * BIN_MS, (i + 1) * BIN_MS, h[i], "#".repeat((int) Math.ceil(40.0 * h[i] / max)));
            }
        }
        out.println();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static int[] histogram(double[] windows) {
        double top = 0;
        for (double w : windows) {
            top = Math.max(top, w);
        }
        int[] h = new int[(int) (top / BIN_MS) + 1];
        for (double w : windows) {
            h[(int) (w / BIN_MS)]++;
        }
        return h;
    }

    static void write(Path dir, List<Table> tables) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>fputsim predict-window</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:right}</style></head><body>\n"
                + "<h1>fputsim predict-window</h1>\n");
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        {
            for (int i = 0; i < tables.size(); i++) {
                Table t = tables.get(i);
                String busy = busySvg(t);
                String hist = histogramSvg(t.points().get(0));
                files.put("busy-vs-delay-" + t.variant() + ".svg", busy);
                files.put("window-histogram-" + t.variant() + ".svg", hist);
                html.append("<h2>").append(esc(t.programId())).append("</h2>\n").append(busy).append('\n').append(hist).append('\n');
                html.append("<table><tr><th>delay ms</th><th>P(EBUSY)</th><th>window p50 ms</th><th>window p90 ms</th></tr>\n");
                for (MonteCarlo.Point p : t.points()) {
                    html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%s</td><td>%s</td></tr>%n",
                            PredictWindowCommand.fmt(p.delayMs()), p.busyRate(), ms(p.windowQuantile(0.5)), ms(p.windowQuantile(0.9))));
                }
                html.append("</table>\n");
            }
            html.append("</body></html>\n");
            files.put("index.html", html.toString());
        }
        // everything is drawn before the folder is made; a failed write removes what was written
        Outputs.createDirectory("--report", dir);
        List<Path> written = new java.util.ArrayList<>();
        try {
            for (java.util.Map.Entry<String, String> f : files.entrySet()) {
                boolean existed = java.nio.file.Files.exists(dir.resolve(f.getKey()));
                Outputs.writeText(dir.resolve(f.getKey()), f.getValue());
                if (!existed) {
                    written.add(dir.resolve(f.getKey()));
                }
            }
        } catch (UsageError e) {
            written.forEach(Outputs::deleteQuietly);
            Outputs.removeIfCreated(dir);
            throw e;
        }
        Outputs.keep(dir);
    }

    private static final int W = 560;
    private static final int H = 300;
    private static final int L = 60;
    private static final int B = 40;

    /**
     * Busy probability against delay, on a logarithmic delay axis (the delays span 0 to 100 ms
     * and more, and the busy window is about jiffies): one decade per major tick, minor ticks at
     * 2..9 of each decade. A delay of 0 has no logarithm, so it sits in its own slot at the left,
     * cut off from the log part by an axis break.
     */
    static String busySvg(Table t) {
        List<MonteCarlo.Point> pts = t.points();
        LogAxis ax = LogAxis.of(pts.stream().mapToDouble(MonteCarlo.Point::delayMs).toArray(), L, W - 20);
        StringBuilder s = open("P(umount sees EBUSY) against the delay between wait and umount: " + t.variant());
        axes(s, "delay between wait and umount (ms, log scale)", "P(EBUSY)");
        ax.draw(s, H - B);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < pts.size(); i++) {
            double x = ax.x(pts.get(i).delayMs());
            double y = (H - B) - pts.get(i).busyRate() * (H - B - 30);
            line.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            s.append(String.format(Locale.ROOT, "<circle class=\"point\" data-delay-ms=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f77b4\"><title>%s ms: %.3f</title></circle>%n",
                    PredictWindowCommand.fmt(pts.get(i).delayMs()), x, y, PredictWindowCommand.fmt(pts.get(i).delayMs()), pts.get(i).busyRate()));
        }
        s.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n");
        for (double v = 0; v <= 1.0001; v += 0.25) {
            s.append(text(L - 6, (H - B) - v * (H - B - 30) + 4, String.format(Locale.ROOT, "%.2f", v), "end"));
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * A base-10 log axis from the decade below the smallest positive delay to the decade above
     * the largest, between pixels {@code left} and {@code right}; 0 (if present) gets its own slot.
     */
    record LogAxis(boolean zero, double lo, double hi, double left, double right) {
        static final double ZERO_SLOT = 34;

        static LogAxis of(double[] values, double left, double right) {
            boolean zero = false;
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double v : values) {
                if (v <= 0) {
                    zero = true;
                } else {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (max == 0) { // only zeros: one decade to show them against
                min = 1;
                max = 10;
            }
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            if (hi <= lo) {
                hi = lo * 10;
            }
            return new LogAxis(zero, lo, hi, left, right);
        }

        /** The log part's left edge. */
        double logLeft() {
            return zero ? left + ZERO_SLOT : left + 8;
        }

        double x(double v) {
            if (v <= 0) {
                return left + 10;
            }
            return logLeft() + (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (right - logLeft());
        }

        /** Major ticks (labelled) at each power of ten, minor ticks between, the 0 slot and the break. */
        void draw(StringBuilder s, double y) {
            for (double d = lo; d <= hi * 1.0001; d *= 10) {
                double x = x(d);
                s.append(String.format(Locale.ROOT, "<line class=\"tick major\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
                        + "<line x1=\"%.1f\" y1=\"30\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x, y, x, y + 6, x, x, y));
                s.append(tickLabel(x, y + 18, PredictWindowCommand.fmt(d)));
                for (int m = 2; m <= 9 && d * m < hi * 1.0001 && d < hi; m++) {
                    double xm = x(d * m);
                    s.append(String.format(Locale.ROOT, "<line class=\"tick minor\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
                            xm, y, xm, y + 3));
                }
            }
            if (zero) {
                double x0 = x(0);
                s.append(String.format(Locale.ROOT, "<line class=\"tick major\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n", x0, y, x0, y + 6));
                s.append(tickLabel(x0, y + 18, "0"));
                double xb = left + ZERO_SLOT / 2 + 4; // the axis break between 0 and the log part
                s.append(String.format(Locale.ROOT, "<path class=\"axis-break\" d=\"M%.1f %.1f l4 -8 M%.1f %.1f l4 -8\" stroke=\"black\"/>%n",
                        xb - 3, y + 4, xb + 1, y + 4));
            }
        }
    }

    /** The window's histogram at the first delay, busy runs only. */
    static String histogramSvg(MonteCarlo.Point p) {
        int[] h = histogram(p.windowsMs());
        int max = 1;
        for (int c : h) {
            max = Math.max(max, c);
        }
        StringBuilder s = open("Window (wait returned to last EBUSY) at delay " + PredictWindowCommand.fmt(p.delayMs()) + " ms");
        axes(s, "window (ms), " + PredictWindowCommand.fmt(BIN_MS) + " ms bins", "runs");
        double bw = (W - L - 20.0) / Math.max(1, h.length);
        for (int i = 0; i < h.length; i++) {
            double bh = (double) h[i] / max * (H - B - 30);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ff7f0e\"/>",
                    L + i * bw, (H - B) - bh, Math.max(1, bw - 1), bh));
            if (i % Math.max(1, h.length / 8) == 0) {
                s.append(text(L + i * bw, H - B + 16, PredictWindowCommand.fmt(i * BIN_MS), "start"));
            }
        }
        s.append(text(L - 6, 34, Integer.toString(max), "end"));
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                W, H, W, H));
        s.append("<title>").append(esc(title)).append("</title>\n");
        s.append(text(W / 2.0, 16, title, "middle"));
        return s;
    }

    private static void axes(StringBuilder s, String x, String y) {
        s.append(String.format(Locale.ROOT, "<path d=\"M%d %d L%d %d L%d %d\" fill=\"none\" stroke=\"black\"/>%n", L, 26, L, H - B, W - 10, H - B));
        s.append(text((L + W) / 2.0, H - 6, x, "middle"));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                H / 2, H / 2, esc(y)));
    }

    private static String tickLabel(double x, double y, String t) {
        return String.format(Locale.ROOT, "<text class=\"tick-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x, y, esc(t));
    }

    private static String text(double x, double y, String t, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, esc(t));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
