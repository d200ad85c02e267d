/*
 * NoKillCapturesTest: the committed captures of kernel run's no-kill exit modes (issue 16 finding 7,
 * docs/kernel-notes.md §20.2) parse as one iteration each, with no kill, the reaper's no-kill wait,
 * the ring's exit work queued by the workload, and the umount results the run recorded (EBUSY until
 * the kworkers' puts had run, in the busy ones). They are kept for conformance: once the model's
 * clean-exit scenarios (08, 09) land and KernelSkeleton projects an iteration without a kill, these
 * are the orders the model must be able to produce.
 */
package fputsim.kernel;

import fputsim.model.Errno;
import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.conform.KernelSkeleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoKillCapturesTest {
    static String read(String name) throws IOException {
        try (InputStream in = NoKillCapturesTest.class.getResourceAsStream("/fputsim/kernel/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "io_uring-fio-completes-iteration-6.18.trace, 1, 0, 12, fio",
            "io_uring-fio-completes-registerfiles-iteration-6.18.trace, 4, 48, 12, fio",
            "io_uring-fio-completes-sqpoll-iteration-6.18.trace, 4, 14, 12, fio",
            "io_uring-close-ring-iteration-6.18.trace, 2, 76, 1, fputsim-close-r"})
    void capture_oneNoKillIteration_withItsExitWorkAndUmounts(String name, int iteration, int ebusy, int rings, String workload)
            throws IOException {
        String text = read(name);
        List<TraceLine> lines = FtraceParser.parse(text);
        List<KernelSkeleton.Iteration> its = KernelSkeleton.split(lines);
        assertThat(its).hasSize(1);
        assertThat(its.get(0).number()).isEqualTo(iteration);
        assertThat(text).contains("fputsim iter=" + iteration + " no-kill-wait", "fputsim iter=" + iteration + " wait-returned",
                "fputsim iter=" + iteration + " umount-ok").doesNotContain("signal_generate", "kill-sent");
        // one io_ring_exit_work per ring of the workload, queued from the workload's own close(ring fd)
        assertThat(text.lines().filter(l -> l.contains("workqueue_queue_work") && l.contains("function=io_ring_exit_work")
                && l.strip().startsWith(workload + "-"))).hasSize(rings);
        List<TraceEvent.UmountReturned> umounts = lines.stream().map(TraceLine::event)
                .filter(e -> e instanceof TraceEvent.UmountReturned).map(e -> (TraceEvent.UmountReturned) e).toList();
        // the reaper's umount2 calls: EBUSY (errno 16) as often as the run recorded, then 0 (a mount(8) or another
        // process's umount on the host would be a line too: at least these)
        assertThat(umounts.stream().filter(u -> u.errno() == Errno.EBUSY)).hasSizeGreaterThanOrEqualTo(ebusy);
        assertThat(umounts).anyMatch(u -> u.errno() == 0);
    }
}
