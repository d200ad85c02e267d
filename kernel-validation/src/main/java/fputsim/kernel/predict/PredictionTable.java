/*
 * PredictionTable: the rows as a fixed-width table, and the exit code of `kernel predict`:
 * 0 every measured row agrees, 1 a disagreement, 77 nothing could be measured (requirements).
 * Checked by: PredictionTest.
 */
package fputsim.kernel.predict;

import java.util.List;
import java.util.Locale;

public final class PredictionTable {
    private PredictionTable() {
    }

    public static String render(List<Prediction.Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-10s %-22s %-14s %-8s %s%n", "configuration", "model", "model schedules",
                "kernel busy", "agree", "kernel window median/max ms"));
        for (Prediction.Row r : rows) {
            Prediction.ModelSays m = r.model();
            String sched = m.violating() + "/" + m.schedules() + (m.byDpor() ? (m.never() ? " DPOR, unproven" : " DPOR") : m.exhaustive() ? " exh." : " bounded");
            String busy = r.kernel() == null ? "-" : r.measured() ? r.kernel().busy() + "/" + r.kernel().tested() : "skipped";
            String agree = r.kernel() == null ? "-" : !r.measured() ? "-" : r.agree() ? "yes" : "NO";
            String window = r.measured() && r.kernel().busy() > 0
                    ? String.format(Locale.ROOT, "%.3f / %.3f", r.kernel().windowMedianMs(), r.kernel().windowMaxMs()) : "-";
            sb.append(String.format(Locale.ROOT, "%-24s %-10s %-22s %-14s %-8s %s%n", r.config().spec(), m.verdict(), sched,
                    busy, agree, window));
        }
        return sb.toString();
    }

    public static int exitCode(List<Prediction.Row> rows) {
        boolean any = false;
        for (Prediction.Row r : rows) {
            if (r.measured()) {
                any = true;
                if (!r.agree()) {
                    return 1;
                }
            }
        }
        return any ? 0 : 77;
    }
}
