/*
 * FtraceParserTest: the parser on a trimmed capture of one failing io_uring iteration on
 * 6.18 (src/test/resources/fputsim/kernel/io_uring-iteration-6.18.trace) and on single lines.
 * Checks the order real-kernel.md describes: SIGKILL, fio exits, io_ring_exit_work queued,
 * fallback completes requests with -14, wait returns, umount EBUSY until delayed_fput ran.
 */
package fputsim.kernel;

import fputsim.model.Errno;
import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.TraceEvent.*;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FtraceParserTest {
    static List<TraceLine> capture() throws Exception {
        try (InputStream in = FtraceParserTest.class.getResourceAsStream("io_uring-iteration-6.18.trace")) {
            return FtraceParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static int first(List<TraceLine> ls, Predicate<TraceEvent> p) {
        for (int i = 0; i < ls.size(); i++) {
            if (p.test(ls.get(i).event()))
                return i;
        }
        return -1;
    }

    @Test
    void parseLine_workqueueQueue_givesWorkQueuedWithHeader() {
        TraceLine l = FtraceParser.parseLine("             fio-3923    [001] d..1.   318.372199: workqueue_queue_work:"
                + " work struct=00000000f58714b0 function=io_ring_exit_work workqueue=iou_exit req_cpu=256 cpu=-1").orElseThrow();
        assertThat(l.task()).isEqualTo("fio");
        assertThat(l.pid()).isEqualTo(3923);
        assertThat(l.cpu()).isEqualTo(1);
        assertThat(l.timestampNs()).isEqualTo(318_372_199_000L);
        assertThat(l.event()).isEqualTo(new WorkQueued("io_ring_exit_work", "iou_exit", "00000000f58714b0"));
    }

    @Test
    void parseLine_kworkerWithSlashAndColon_keepsTaskName() {
        TraceLine l = FtraceParser.parseLine("   kworker/u8:12-3566    [001] .....   318.372966: workqueue_execute_start:"
                + " work struct 00000000f58714b0: function io_ring_exit_work").orElseThrow();
        assertThat(l.task()).isEqualTo("kworker/u8:12");
        assertThat(l.event()).isEqualTo(new WorkStarted("io_ring_exit_work", "00000000f58714b0"));
    }

    @Test
    void parseLine_umountExitBusy_givesErrno16() {
        assertThat(FtraceParser.parseLine("  reaper-3911 [000] .n...   318.373110: sys_umount -> 0xfffffffffffffff0")
                .orElseThrow().event()).isEqualTo(new UmountReturned(Errno.EBUSY));
        assertThat(FtraceParser.parseLine("  reaper-3911 [000] .....   318.380360: sys_umount -> 0x0")
                .orElseThrow().event()).isEqualTo(new UmountReturned(0));
        assertThat(FtraceParser.parseLine("  reaper-3911 [000] .....   318.373104: sys_umount(name: 0x7ffe29d3f9c6, flags: 0)")
                .orElseThrow().event()).isEqualTo(new UmountEntered());
    }

    @Test
    void parseLine_mountWaitSignalExit_giveTypedEvents() {
        assertThat(FtraceParser.parseLine("  mount-3907 [000] .....   318.017650: sys_mount -> 0xfffffffffffffff0")
                .orElseThrow().event()).isEqualTo(new MountReturned(Errno.EBUSY));
        assertThat(FtraceParser.parseLine("  reaper-3911 [000] .N...   318.372999: sys_wait4 -> 0xf48")
                .orElseThrow().event()).isEqualTo(new WaitReturned(0xf48));
        assertThat(FtraceParser.parseLine("  reaper-3911 [000] dN.1.   318.369897: signal_generate: sig=9 errno=0 code=0"
                + " comm=fio pid=3912 grp=1 res=0").orElseThrow().event()).isEqualTo(new SignalDelivered(9, "fio", 3912));
        assertThat(FtraceParser.parseLine("  fio-3923 [001] .....   318.370086: sched_process_exit: comm=fio pid=3923"
                + " prio=120 group_dead=true").orElseThrow().event()).isEqualTo(new TaskExit("fio", 3923, true));
    }

    @Test
    void parseLine_ioUringCompleteAndCreate_giveResultAndFlags() {
        assertThat(FtraceParser.parseLine("  kworker/1:1-41 [001] .....   318.373119: io_uring_complete: ring 0000000031b704b4,"
                + " req 0000000084a1bcc2, user_data 0x7ff4f8000f40, result -14, cflags 0x0 extra1 0 extra2 0 ")
                .orElseThrow().event()).isEqualTo(new RequestCompleted(-14));
        assertThat(FtraceParser.parseLine("  fio-3917 [000] .....   318.286615: io_uring_create: ring 000000003cde0f0f,"
                + " fd 9 sq size 2, cq size 2, flags 0x3108").orElseThrow().event()).isEqualTo(new RingCreated(0x3108));
    }

    @Test
    void parseLine_unfilteredOtherWork_isDropped() {
        // What an unfiltered workqueue event looks like on a kernel that rejected the filter.
        assertThat(FtraceParser.parseLine("  kworker/0:1-11 [000] d..1.   1.000000: workqueue_queue_work: work struct=0000"
                + " function=vmstat_update workqueue=mm_percpu_wq req_cpu=0 cpu=0")).isEmpty();
        assertThat(FtraceParser.parseLine("# tracer: nop")).isEmpty();
        assertThat(FtraceParser.parseLine("")).isEmpty();
    }

    @Test
    void parseLine_marker_keepsText() {
        assertThat(FtraceParser.parseLine("  fputsim-reaper-1 [000] ...1.   318.369994: tracing_mark_write:"
                + " fputsim iter=1 kill-sent 318369872156").orElseThrow().event())
                .isEqualTo(new Marker("fputsim iter=1 kill-sent 318369872156"));
    }

    @Test
    void parse_realCapture_showsTheBugsOrder() throws Exception {
        List<TraceLine> ls = capture();
        int kill = first(ls, e -> e instanceof SignalDelivered s && s.sig() == 9);
        int groupDead = first(ls, e -> e instanceof TaskExit t && t.groupDead());
        int exitWork = first(ls, e -> e instanceof WorkQueued w && w.function().equals("io_ring_exit_work"));
        int fallback = first(ls, e -> e instanceof RequestCompleted r && r.res() == -14);
        int waited = first(ls, e -> e instanceof Marker m && m.text().contains("wait-returned"));
        int busy = first(ls, e -> e instanceof UmountReturned u && u.errno() == Errno.EBUSY);
        int fput = first(ls, e -> e instanceof WorkStarted w && w.function().equals("delayed_fput"));
        int ok = first(ls, e -> e instanceof UmountReturned u && u.errno() == 0);
        assertThat(List.of(kill, groupDead, exitWork, waited, busy, fput, ok)).isSorted().doesNotContain(-1);
        assertThat(fallback).isGreaterThan(exitWork);
        assertThat(ls).filteredOn(l -> l.event() instanceof RingCreated)
                .extracting(l -> ((RingCreated) l.event()).flags()).containsOnly(0x3108).hasSize(12);
    }

    @Test
    void parse_realCapture_timestampsAreMonotonicPerCpu() throws Exception {
        List<TraceLine> ls = capture();
        for (int cpu = 0; cpu < 2; cpu++) {
            final int c = cpu;
            assertThat(ls.stream().filter(l -> l.cpu() == c && !(l.event() instanceof RequestCompleted r && r.res() > 0))
                    .map(TraceLine::timestampNs).toList()).isSorted();
        }
    }
}
