package fputsim.model.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnsTest {
    private final Counterexample cx = Canonical.counterexample();

    @Test
    void render_everyDetail_fitsInOneHundredAsciiColumns() {
        for (TraceText.Detail d : TraceText.Detail.values()) {
            String s = Columns.render(cx, d);
            assertThat(s.lines()).allSatisfy(l -> {
                assertThat(l.length()).isLessThanOrEqualTo(Columns.WIDTH);
                assertThat(l.chars().allMatch(c -> c >= 32 && c < 127)).as("ASCII: %s", l).isTrue();
            });
        }
    }

    @Test
    void render_canonical_showsResultsInlineAndMarksTheViolation() {
        String s = Columns.render(cx, TraceText.Detail.SUMMARY);
        assertThat(s).contains("umount /mnt -> -EBUSY", "complete ring0.0 -> -EFAULT", "last fput foo#0: delayed_fput", "wait4 -> 100");
        int umount = s.indexOf("umount /mnt -> -EBUSY");
        int mark = s.indexOf("^^^ umount-busy-after-reap");
        assertThat(mark).isGreaterThan(umount);
        assertThat(s.substring(umount, mark).lines().count()).isEqualTo(2); // the mark is the next line
    }

    @Test
    void render_narrowWidth_stillFits() {
        String s = Columns.render(cx, TraceText.Detail.STEPS, 72);
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));
    }

    @Test
    void lanes_canonical_shareLanesBetweenActorsThatNeverOverlap() {
        var lanes = Columns.lanes(cx.trace(), Columns.WIDTH);
        assertThat(lanes.size()).isLessThan(cx.actors().size());
        // fio-100 exits before fio-101 starts to: they share a lane, and bash-99 (busy throughout) has its own
        assertThat(lanes).anySatisfy(l -> assertThat(l).containsSubsequence("fio-100", "fio-101"));
        assertThat(lanes).anySatisfy(l -> assertThat(l).containsExactly("bash-99"));
        assertThat(lanes.stream().flatMap(java.util.List::stream)).containsExactlyInAnyOrderElementsOf(cx.actors());
    }
}
