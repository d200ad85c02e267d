/*
 * Qemu61CaptureTest: a capture of Debian's 6.1 under qemu (kernel run --qemu 6.1 --trace) projects
 * onto the same skeleton as a 6.18 capture although 6.1's sched_process_exit has no group_dead and
 * its fallback work is queued by the timer of a delayed work (softirq, in whatever task it
 * interrupted); every iteration of the committed 6.1 captures conforms to baseline-6.1, which takes
 * both of 6.1's routes (docs/kernel-notes.md §13, §21): the exiting task runs the moved local work
 * itself (no fallback, not busy), or task_work_add fails and the work reaches the fallback kworker
 * (a job thread's read completing after that thread passed exit_task_work, or io_ring_exit_work's
 * move after the submitter is gone), whose final put goes through delayed_fput (busy).
 */
package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.FtraceParser;
import fputsim.model.ModelFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Qemu61CaptureTest {
    static List<KernelSkeleton.Iteration> capture() throws IOException {
        return capture("/fputsim/kernel/io_uring-2-iterations-6.1-qemu.trace");
    }

    static List<KernelSkeleton.Iteration> capture(String resource) throws IOException {
        try (InputStream in = Qemu61CaptureTest.class.getResourceAsStream(resource)) {
            return KernelSkeleton.split(FtraceParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    /** The run's configuration (DEFER_TASKRUN from the ring flags) at 2 x 2, on uname -r's variant. */
    private static ModelFactory baseline61() {
        ModelFactory m = ModelFor.factory("io_uring", ModelFor.config("io_uring", 2, 2, List.of(), "0x3108"), "6.1.0-57-amd64");
        assertThat(m.id()).endsWith("/baseline-6.1");
        return m;
    }

    private static void assertConforms(Projection p) {
        Conformance.Result r = Conformance.check(p, baseline61());
        System.out.println(r.line() + "\n" + r.report());
        assertThat(r.conforms()).as(r.report()).isTrue();
    }

    @Test
    void projection_without_groupDead_takesFiosLastExitBeforeWait_andTheTimersFallback() throws IOException {
        List<KernelSkeleton.Iteration> its = capture();
        assertThat(its).extracting(KernelSkeleton.Iteration::number).containsExactly(1, 2);
        Projection busy = KernelSkeleton.projection(its.get(1)).orElseThrow();
        assertThat(Projection.describe(busy.events())).isEqualTo("KILL < FIO_EXITED < EXIT_WORK_QUEUED < EXIT_WORK_STARTED"
                + " < WAIT_RETURNED < UMOUNT(-16) < FALLBACK_STARTED < DELAYED_FPUT_STARTED");
        // FIO_EXITED is the exit of fio-163, the last of fio's 14 exits before wait4 returned, right before it queues the exit work
        assertThat(busy.sources().get(1)).contains("fio-163").contains("TaskExit");
        assertThat(busy.sources().get(2)).contains("fio-163").contains("io_ring_exit_work");
        // the fallback's queue event fired in rcu_preempt's context (the timer softirq of fallback_work)
        assertThat(busy.sources().get(6)).contains("io_fallback_req_func");
        Projection notBusy = KernelSkeleton.projection(its.get(0)).orElseThrow();
        assertThat(Projection.describe(notBusy.events()))
                .isEqualTo("KILL < FIO_EXITED < EXIT_WORK_QUEUED < WAIT_RETURNED < EXIT_WORK_STARTED < UMOUNT(0)");
        assertThat(KernelSkeleton.ringFlags(FtraceParser.parse(text()))).isEqualTo("0x3108");
    }

    private static String text() throws IOException {
        try (InputStream in = Qemu61CaptureTest.class.getResourceAsStream("/fputsim/kernel/io_uring-2-iterations-6.1-qemu.trace")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fallback route: the last reference dropped by io_fallback_req_func after the first EBUSY. */
    @Test
    void check_busyIterationOf61_conformsToBaseline61() throws IOException {
        assertConforms(KernelSkeleton.projection(capture().get(1)).orElseThrow());
    }

    /** The task route: no fallback at all, the exiting task ran its moved local work itself. */
    @Test
    void check_notBusyIterationOf61_conformsToBaseline61() throws IOException {
        assertConforms(KernelSkeleton.projection(capture().get(0)).orElseThrow());
    }

    /**
     * Run F's iterations 5 to 7: a job thread leaves with its own ring's read in flight; the
     * read's completion fails task_work_add (-ESRCH) and completes in io_fallback_req_func before
     * fio's last exit (5, 7) or before wait returned (6). Busy in 6 and 7.
     */
    @Test
    void check_earlyFallbackIterationsOf61_conformToBaseline61() throws IOException {
        List<KernelSkeleton.Iteration> its = capture("/fputsim/kernel/io_uring-3-iterations-early-fallback-6.1-qemu.trace");
        assertThat(its).extracting(KernelSkeleton.Iteration::number).containsExactly(5, 6, 7);
        List<String> expected = List.of(
                "KILL < FALLBACK_STARTED < FIO_EXITED < EXIT_WORK_QUEUED < EXIT_WORK_STARTED < WAIT_RETURNED < UMOUNT(0)",
                "KILL < FIO_EXITED < EXIT_WORK_QUEUED < FALLBACK_STARTED < WAIT_RETURNED < EXIT_WORK_STARTED < UMOUNT(-16) < DELAYED_FPUT_STARTED",
                "KILL < FALLBACK_STARTED < FIO_EXITED < EXIT_WORK_QUEUED < EXIT_WORK_STARTED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED");
        for (int i = 0; i < 3; i++) {
            Projection p = KernelSkeleton.projection(its.get(i)).orElseThrow();
            assertThat(Projection.describe(p.events())).as("iteration " + its.get(i).number()).isEqualTo(expected.get(i));
            assertConforms(p);
        }
    }
}
