package fputsim.model;

import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Exits without a kill (docs/kernel-notes.md §17): scenarios 08 clean-exit and 09 close-ring-then-exit. */
class CleanExitTest {
    private static String verdict(String scenario, String config, String variant, String outcome) {
        Exploration x = Kit.explore(scenario, config, variant);
        assertThat(x.completeness().finished()).isTrue();
        for (Tally t : x.tallies()) {
            if (t.outcome().equals(outcome)) {
                return t.verdict().name();
            }
        }
        throw new AssertionError("no outcome " + outcome);
    }

    /** C1: every request reaped, the data fd closed by fio: the final puts are the task's own (measured 0/20). */
    @Test
    void cleanExit_normalFiles_neverBusy() {
        assertThat(verdict("08", null, "baseline-6.18", "umount-busy-after-reap")).isEqualTo("Never");
    }

    /**
     * C2: io_uring/io_uring.c io_ring_ctx_free@v6.18.32 puts the registered files
     * (io_sqe_files_unregister) from the iou_exit kworker, after io_ring_exit_work's wait: the
     * kworker's put can be the last one, through delayed_fput, after wait returned (measured 14/20).
     */
    @Test
    void cleanExit_registeredFiles_sometimesBusy() {
        assertThat(verdict("08", "jobs=1,iodepth=1,fixed=1", "baseline-6.18", "umount-busy-after-reap")).isEqualTo("Sometimes");
    }

    /** C3: SQPOLL (registered files): io_ring_ctx_free stops the SQPOLL thread (io_sq_thread_finish), then puts them (measured 1/20). */
    @Test
    void cleanExit_sqpoll_sometimesBusyAndExits() {
        assertThat(verdict("08", "jobs=1,iodepth=1,sqpoll=1,defer=0,fixed=1", "baseline-6.18", "umount-busy-after-reap")).isEqualTo("Sometimes");
        assertThat(verdict("08", "jobs=1,iodepth=1,sqpoll=1,defer=0,fixed=1", "baseline-6.18", "exit-hangs")).isEqualTo("Never");
    }

    /**
     * C4: close(ring_fd) with reads in flight → io_uring_release → io_ring_exit_work@v6.18.32, which
     * hands the completions to the fallback kworker (measured D1 19/20, D2 17/20).
     */
    @Test
    void closeRingThenExit_requestsInFlight_sometimesBusy() {
        assertThat(verdict("09", null, "baseline-6.18", "umount-busy-after-reap")).isEqualTo("Sometimes");
        assertThat(verdict("09", "jobs=1,iodepth=1,defer=0", "baseline-6.18", "umount-busy-after-reap")).isEqualTo("Sometimes");
    }

    /**
     * The io_uring-exit-cancel series' release wait (io_uring_release: {@code do { io_fallback_tw }
     * while (wait_for_completion_interruptible(&exit_comp))}, v1 2023-08-11, v3 2025-04-09) ends at
     * io_ring_exit_work's complete(ctx->exit_comp), right after the refs wait and before the
     * tctx_list walk: a clean exit's close(2), whose task is still on the ring's tctx_list, is not
     * waited for by the walk while it waits in the release. No hang; the registered files are put
     * later, by io_ring_ctx_free on the kworker (delayed_fput), so umount may be busy as on the baseline.
     */
    @Test
    void exitCancelSeries_cleanExit_releaseWaitEndsBeforeTheTctxWalk() {
        for (String v : new String[] {"exit-cancel-2023", "exit-cancel-2024"}) {
            assertThat(verdict("08", null, v, "exit-hangs")).as(v).isEqualTo("Never");
            assertThat(verdict("09", null, v, "exit-hangs")).as(v).isEqualTo("Never");
            assertThat(verdict("08", "jobs=1,iodepth=1,fixed=1", v, "umount-busy-after-reap")).as(v).isEqualTo("Sometimes");
        }
        // 2023 has no task_work-capable kworkers: the fallback's final fputs go to delayed_fput
        assertThat(verdict("09", null, "exit-cancel-2023", "umount-busy-after-reap")).isEqualTo("Sometimes");
        assertThat(verdict("09", null, "exit-cancel-2024", "umount-busy-after-reap")).isEqualTo("Never");
    }

    /**
     * exit-cancel-2024 (v3: io_kworker_tw_end, then complete(exit_comp), then the tctx_list walk and
     * io_ring_ctx_free): the registered files' put comes after tw_end, so it goes to delayed_fput and
     * a kill can leave umount busy; the 2026 series drops them at release time.
     */
    @Test
    void exitCancel2024_killWithRegisteredFiles_sometimesBusy() {
        assertThat(verdict("03", "jobs=1,iodepth=1,fixed=1", "exit-cancel-2024", "umount-busy-after-reap")).isEqualTo("Sometimes");
        assertThat(verdict("03", "jobs=1,iodepth=1,fixed=1", "exit-cancel-2026", "umount-busy-after-reap")).isEqualTo("Never");
    }
}
