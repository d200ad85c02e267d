package fputsim.model;

import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Exits without a kill (docs/kernel-notes.md §17): scenarios 08 clean-exit and 09 close-ring-then-exit. */
class CleanExitTest {
    private static String verdict(String scenario, String config, String variant, String outcome) {
        Exploration x = Kit.explore(scenario, config, variant);
        assertThat(x.exhaustive()).isTrue();
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
}
