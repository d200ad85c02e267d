package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsConformanceTest {
    static void folder(Path dir, String resource, String extraArgs) throws Exception {
        try (InputStream in = ResultsConformanceTest.class.getResourceAsStream(resource)) {
            Files.writeString(dir.resolve("trace.txt"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("fio-args.txt"), "fio --name=fputsim --ioengine=io_uring --iodepth=2 --filename=/x"
                + " --buffered=1 --numjobs=12 --thread=1" + extraArgs + "\n");
        Files.writeString(dir.resolve("uname-r.txt"), "6.18.44-fc-v657\n");
    }

    @Test
    void check_committedCaptureFolder_modelFromFioArgsAndRingFlags(@TempDir Path dir) throws Exception {
        folder(dir, "/fputsim/kernel/io_uring-iteration-6.18.trace", "");
        ResultsConformance.Run r = ResultsConformance.check(dir, 2, 20_000);
        // conformance models fio's loop (ModelFor.forConformance: issue 16 finding 6)
        assertThat(r.model().id()).isEqualTo("03/jobs=2,iodepth=2,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring,fioLoop=1/baseline-6.18");
        assertThat(TraceConformance.allConform(r.iterations())).isTrue();
        assertThat(ResultsConformance.render(r)).contains("iteration 1: conforms:");
    }

    @Test
    void check_sqpollFolder_sqpollModelWithoutDeferTaskrun(@TempDir Path dir) throws Exception {
        folder(dir, "/fputsim/kernel/io_uring-sqpoll-iteration-6.18.trace", " --sqthread_poll=1");
        ResultsConformance.Run r = ResultsConformance.check(dir, 1, 200);
        assertThat(r.model().config().sqpoll()).isTrue();
        assertThat(r.model().config().defer()).isFalse();
        assertThat(r.model().config().fixed()).isTrue(); // fio's sqthread_poll implies registerfiles
        assertThat(TraceConformance.allConform(r.iterations())).isTrue(); // see ConformanceTest's SQPOLL case // ring flags 0xa: SQPOLL | CQSIZE, no DEFER_TASKRUN
    }

    @Test
    void check_untracedFolder_oneLineReason(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsConformance.check(dir, 0, 200)).hasMessageContaining("fio-args.txt");
    }

    static String trace(Path dir) throws Exception {
        return Files.readString(dir.resolve("trace.txt"));
    }

    @Test
    void check_traceCutInHalf_isBadInputNamingFileAndLine(@TempDir Path dir) throws Exception {
        folder(dir, "/fputsim/kernel/io_uring-iteration-6.18.trace", "");
        String t = trace(dir);
        Files.writeString(dir.resolve("trace.txt"), t.substring(0, t.length() / 2));
        assertThatThrownBy(() -> ResultsConformance.check(dir, 2, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("trace.txt") + " line ").hasMessageContaining("truncated");
    }

    @Test
    void check_traceCutAtALineEnd_isBadInputUnlessTheRunSaysItWasInterrupted(@TempDir Path dir) throws Exception {
        folder(dir, "/fputsim/kernel/io_uring-iteration-6.18.trace", "");
        String t = trace(dir);
        String cut = t.substring(0, t.lastIndexOf('\n', t.length() / 2) + 1);
        Files.writeString(dir.resolve("trace.txt"), cut);
        assertThatThrownBy(() -> ResultsConformance.check(dir, 2, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line ").hasMessageContaining("has no umount result");
        // the same cut in a run whose summary says it stopped early: the open iteration is noted, not compared
        Files.writeString(dir.resolve("summary.json"), "{\"partial\": true}");
        ResultsConformance.Run r = ResultsConformance.check(dir, 2, 200);
        assertThat(ResultsConformance.render(r)).contains("interrupted (the run stopped during it), not compared");
        assertThat(r.iterations()).isEmpty();
    }

    @Test
    void check_bitFlippedLines_areBadInputNamingTheLine(@TempDir Path dir) throws Exception {
        folder(dir, "/fputsim/kernel/io_uring-iteration-6.18.trace", "");
        String[] lines = trace(dir).split("\n", -1);
        int target = -1;
        for (int i = lines.length / 3; i < lines.length; i++) {
            if (lines[i].contains("io_uring_complete") || lines[i].contains("sched_process_exit")) {
                target = i;
                break;
            }
        }
        assertThat(target).isPositive();
        String orig = lines[target];
        // a flipped bit in the timestamp's separator, then one in the event name's colon
        lines[target] = orig.replaceFirst("(\\d+)\\.(\\d+):", "$1/$2:");
        Files.writeString(dir.resolve("trace.txt"), String.join("\n", lines));
        assertThatThrownBy(() -> ResultsConformance.check(dir, 2, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line " + (target + 1) + ":").hasMessageContaining("corrupt");
        lines[target] = orig.replace("result ", "resul\u0014 ").replace("pid=", "pid=x");
        Files.writeString(dir.resolve("trace.txt"), String.join("\n", lines));
        assertThatThrownBy(() -> ResultsConformance.check(dir, 2, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line " + (target + 1) + ":");
    }
}
