package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fputsim.kernel.FtraceParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    static final String LINES = String.join("\n",
            "  java-50 [000] ..... 10.000000: sys_mount -> 0x0",
            "  helper-60 [000] ...1. 10.000100: tracing_mark_write: fputsim iter=1 start 1",
            "  fio-61 [001] ..... 10.000200: sched_process_exit: comm=fio pid=61 prio=120 group_dead=false",
            "  helper-60 [000] d.... 10.100000: signal_generate: sig=9 errno=0 code=0 comm=fio pid=61 grp=1 res=0",
            "  fio-62 [001] ..... 10.100100: sched_process_exit: comm=fio pid=62 prio=120 group_dead=false",
            "  fio-61 [001] ..... 10.100200: sched_process_exit: comm=fio pid=61 prio=120 group_dead=true",
            "  fio-61 [001] d..1. 10.100300: workqueue_queue_work: work struct=0000 function=io_ring_exit_work workqueue=iou_exit req_cpu=256 cpu=-1",
            "  bash-9 [000] ..... 10.100350: sys_wait4 -> 0x3d",
            "  helper-60 [000] ..... 10.100400: sys_wait4 -> 0x3d",
            "  helper-60 [000] ..... 10.100500: sys_umount -> 0x0",
            "  kworker/0:1-11 [000] ..... 10.100600: workqueue_execute_start: work struct 0000: function delayed_fput",
            "  helper-60 [000] ...1. 10.200000: tracing_mark_write: fputsim iter=2 start 2",
            "  helper-60 [000] ...1. 10.300000: tracing_mark_write: fputsim iter=2 umount-ok 0");

    @Test
    void split_twoStartMarkers_twoIterationsWithoutTheLinesBefore() {
        List<KernelSkeleton.Iteration> its = KernelSkeleton.split(FtraceParser.parse(LINES));
        assertThat(its).extracting(KernelSkeleton.Iteration::number).containsExactly(1, 2);
        assertThat(its.get(0).lines()).hasSize(10);
    }

    @Test
    void of_iterationWithKill_skeletonCutAtTheHelpersSuccessfulUmount() {
        KernelSkeleton.Iteration it = KernelSkeleton.split(FtraceParser.parse(LINES)).get(0);
        // fio-61's first exit is before the kill; bash's wait4 is not the helper's; delayed_fput after umount 0 is cut
        assertThat(Projection.describe(KernelSkeleton.of(it).orElseThrow()))
                .isEqualTo("KILL < FIO_EXITED < EXIT_WORK_QUEUED < WAIT_RETURNED < UMOUNT(0)");
    }

    static final String CONCURRENT = String.join("\n",
            "  fputsim-reaper--60 [000] ...1. 10.000100: tracing_mark_write: fputsim iter=1 start 1",
            "  fputsim-reaper--60 [000] ..... 10.000150: sched_process_fork: comm=fputsim-reaper- pid=60 child_comm=fputsim-reaper- child_pid=61",
            "  fio-61 [000] ..... 10.000170: sched_process_fork: comm=fio pid=61 child_comm=fio child_pid=62",
            "  fputsim-reaper--90 [001] d.... 10.000200: signal_generate: sig=9 errno=0 code=0 comm=fio pid=91 grp=1 res=0",
            "  fputsim-reaper--60 [000] d.... 10.100000: signal_generate: sig=9 errno=0 code=0 comm=fio pid=61 grp=1 res=0",
            "  fio-92 [001] ..... 10.100100: sched_process_exit: comm=fio pid=92 prio=120 group_dead=true",
            "  fio-92 [001] d..1. 10.100150: workqueue_queue_work: work struct=00000bad function=io_ring_exit_work workqueue=iou_exit req_cpu=256 cpu=-1",
            "  kworker/u8:1-7 [001] ..... 10.100160: workqueue_execute_start: work struct 00000bad: function io_ring_exit_work",
            "  fio-61 [001] ..... 10.100200: sched_process_exit: comm=fio pid=61 prio=120 group_dead=false",
            "  fio-62 [001] ..... 10.100250: sched_process_exit: comm=fio pid=62 prio=120 group_dead=true",
            "  fio-62 [001] d..1. 10.100300: workqueue_queue_work: work struct=0000900d function=io_ring_exit_work workqueue=iou_exit req_cpu=256 cpu=-1",
            "  fputsim-reaper--60 [000] ..... 10.100400: sys_wait4 -> 0x3d",
            "  fputsim-reaper--60 [000] ..... 10.100500: sys_umount -> 0xfffffffffffffff0",
            "  kworker/u8:2-8 [001] ..... 10.100550: workqueue_execute_start: work struct 0000900d: function io_ring_exit_work",
            "  kworker/u8:2-8 [001] d..1. 10.100560: workqueue_queue_work: work struct=0000fa11 function=io_fallback_req_func workqueue=events req_cpu=256 cpu=1",
            "  kworker/1:1-9 [001] ..... 10.100570: workqueue_execute_start: work struct 0000fa11: function io_fallback_req_func",
            "  kworker/1:1-9 [001] ..... 10.100600: workqueue_execute_start: work struct 0000d0d0: function delayed_fput",
            "  fputsim-reaper--60 [000] ..... 10.100700: sys_umount -> 0x0");

    @Test
    void of_concurrentRunOnTheHost_onlyOurProcessAndWorksCount() {
        KernelSkeleton.Iteration it = KernelSkeleton.split(FtraceParser.parse(CONCURRENT)).get(0);
        assertThat(Projection.describe(KernelSkeleton.of(it).orElseThrow())).isEqualTo("KILL < FIO_EXITED"
                + " < EXIT_WORK_QUEUED < WAIT_RETURNED < UMOUNT(-16) < EXIT_WORK_STARTED < FALLBACK_STARTED"
                + " < DELAYED_FPUT_STARTED");
    }

    @Test
    void of_iterationWithoutKill_untested() {
        KernelSkeleton.Iteration it = KernelSkeleton.split(FtraceParser.parse(LINES)).get(1);
        assertThat(KernelSkeleton.of(it)).isEmpty();
    }

    @Test
    void of_committed618Capture_theBusyOrder() throws IOException {
        assertThat(Projection.describe(ConformanceTest.committed().events())).isEqualTo("KILL < FIO_EXITED"
                + " < EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FALLBACK_STARTED < WAIT_RETURNED < UMOUNT(-16)"
                + " < DELAYED_FPUT_STARTED");
    }

    @Test
    void parse_describe_roundTrips() {
        String s = "KILL < FIO_EXITED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED";
        assertThat(Projection.describe(Projection.parse(s))).isEqualTo(s);
        assertThatThrownBy(() -> Projection.parse("KILL < NOPE")).hasMessageContaining("NOPE");
    }
}
