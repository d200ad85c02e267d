package fputsim.model.report;

import fputsim.model.trace.TraceEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text forms of the canonical counterexample, byte for byte against golden files. */
class GoldenTextTest {
    private final Counterexample cx = Canonical.counterexample();

    private String ftrace(TraceText.Detail d) {
        List<String> states = d == TraceText.Detail.FULL ? cx.ledger().stream().map(Ledger.Snapshot::describe).toList() : null;
        return TraceText.render(cx.trace(), d, states);
    }

    @Test
    void traceText_summary_matchesGolden() {
        Canonical.assertGolden("trace-summary.txt", ftrace(TraceText.Detail.SUMMARY));
    }

    @Test
    void traceText_steps_matchesGolden() {
        Canonical.assertGolden("trace-steps.txt", ftrace(TraceText.Detail.STEPS));
    }

    @Test
    void traceText_full_matchesGolden() {
        Canonical.assertGolden("trace-full.txt", ftrace(TraceText.Detail.FULL));
    }

    @Test
    void columns_summary_matchesGolden() {
        Canonical.assertGolden("columns-summary.txt", Columns.render(cx, TraceText.Detail.SUMMARY));
    }

    @Test
    void columns_steps_matchesGolden() {
        Canonical.assertGolden("columns-steps.txt", Columns.render(cx, TraceText.Detail.STEPS));
    }

    @Test
    void narration_canonical_matchesGolden() {
        Canonical.assertGolden("explain.txt", Narration.render(cx));
    }

    @Test
    void traceText_summary_countsEveryElidedEvent() {
        String s = ftrace(TraceText.Detail.SUMMARY);
        long shown = s.lines().filter(l -> !l.startsWith("#")).count();
        long elided = cx.trace().stream().filter(e -> !e.event().summary()).count();
        assertThat(shown + elided).isEqualTo(cx.trace().size());
        assertThat(s).contains("# " + elided + " events elided");
    }

    @Test
    void traceText_full_hasLedgerAfterEveryStepWithEvents() {
        String s = ftrace(TraceText.Detail.FULL);
        for (int step : cx.trace().stream().mapToInt(TraceEntry::step).distinct().toArray()) {
            assertThat(s).contains("#   ledger after step " + step + ": ");
        }
    }
}
