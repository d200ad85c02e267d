package fputsim.model.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger and the deferred-work arrows of the canonical counterexample tell the bug's story. */
class LedgerTest {
    private final Counterexample cx = Canonical.counterexample();

    private Ledger.Snapshot after(int step) {
        return cx.ledger().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
    }

    private Ledger.Count count(Ledger.Snapshot s, String object) {
        return s.counts().stream().filter(c -> c.object().equals(object)).findFirst().orElseThrow();
    }

    @Test
    void ledger_oneSnapshotPerStep_namesTheActor() {
        assertThat(cx.ledger()).hasSize(cx.steps());
        for (int i = 0; i < cx.ledger().size(); i++) {
            assertThat(cx.ledger().get(i).step()).isEqualTo(i + 1);
            assertThat(cx.ledger().get(i).actor()).isNotEmpty();
        }
    }

    @Test
    void ledger_atTheViolation_theMountIsPinnedByAFileOnDelayedFputList() {
        Ledger.Snapshot s = after(cx.violationStep());
        Ledger.Count mnt = count(s, "/mnt");
        assertThat(mnt.value()).isEqualTo(2);
        assertThat(mnt.refs()).containsExactly(new Ledger.Ref("namespace", "umount"), new Ledger.Ref("file foo#0", "delayed_fput_list"));
        assertThat(count(s, "foo#0").value()).isZero();
        assertThat(s.pending()).extracting(Ledger.Pending::queue).contains("delayed_fput_list");
    }

    /**
     * In the canonical counterexample the request is still in flight after the kill: a completion
     * before the killed task left io_cqring_wait would have been run by the task itself
     * (io_cqring_wait@v6.18.32 runs pending local work), so the busy schedule completes it later.
     */
    @Test
    void ledger_afterTheKill_theRequestIsStillInFlight() {
        Ledger.Count foo = count(after(1), "foo#0");
        assertThat(foo.refs()).contains(new Ledger.Ref("req ring0.0", "completion (in flight)"));
    }

    @Test
    void deferrals_canonical_followTheReferenceFromLocalWorkToDelayedFput() {
        assertThat(cx.flows()).extracting(f -> f.queue() + " " + f.item() + " " + f.fromActor() + "->" + f.toActor())
                .containsSubsequence(
                        "task_works(fio-101) ____fput([io_uring:ring0]) fio-101->fio-101",
                        "workqueue(iou_exit) io_ring_exit_work fio-101->kworker/u8:4-1004",
                        "ring0.work_llist req ring0.0 irq/ring0.0-0->kworker/u8:4-1004",
                        "ring0.fallback_llist req ring0.0 kworker/u8:4-1004->kworker/u8:3-1003",
                        "delayed_fput_list foo#0 kworker/u8:3-1003->kworker/u8:1-1001");
        assertThat(cx.flows()).allSatisfy(f -> assertThat(f.ran()).isTrue());
    }

    @Test
    void deferrals_taskWork_endsWhereItRanNotWhereTheBatchWasTaken() {
        Deferrals.Flow f = cx.flows().stream().filter(x -> x.queue().startsWith("task_works(")).findFirst().orElseThrow();
        assertThat(cx.trace()).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(f.to());
            assertThat(e.event()).isInstanceOf(fputsim.model.trace.Event.TaskWorkRan.class);
        });
    }

    @Test
    void describe_full_namesWhatWillDropEachReference() {
        assertThat(after(cx.violationStep()).describe())
                .contains("/mnt mnt_count=2 [namespace <- umount, file foo#0 <- delayed_fput_list]")
                .contains("pending delayed_fput_list=[foo#0]");
    }
}
