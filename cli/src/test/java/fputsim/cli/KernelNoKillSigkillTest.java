/*
 * KernelNoKillSigkillTest: `kernel run` in a no-kill exit mode, its java SIGKILLed while the
 * workload runs (fio-completes: fio inside its runtime; close-ring: fputsim-close-ring after its
 * close(2), held alive by --ring-hold-ms), leaves nothing behind: the run's supervisor kills the
 * reaper, the workload dies with it (PR_SET_PDEATHSIG), and the mount, loop device, scratch files and
 * run record go. Nothing is killed but the java this test started, by its PID.
 * Skips with the doctor's one-line reason, or fails instead with -Dfputsim.kernel.required=true.
 */
package fputsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelNoKillSigkillTest {
    static final Path BASE = Path.of("target/no-kill-sigkill").toAbsolutePath();

    @BeforeAll
    static void requirements() throws Exception {
        DoctorReport d = KernelDoctor.run();
        if (d.allOk())
            return;
        if (Boolean.getBoolean("fputsim.kernel.required"))
            throw new AssertionError(d.skipReason() + " (fputsim.kernel.required=true)");
        Assumptions.abort(d.skipReason());
    }

    /** Starts kernel run in its own JVM; returns it once its workload (named by {@code binary}) runs on our mount. */
    static Process startAndWaitForWorkload(Path dir, String binary, String... mode) throws Exception {
        Path work = dir.resolve("work");
        Path state = dir.resolve("state");
        Files.createDirectories(work);
        Files.createDirectories(state);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp, "-Djava.io.tmpdir=" + work,
                "-Dfputsim.state.dir=" + state, "-Dfputsim.native.dir=" + Path.of("target/native").toAbsolutePath(),
                "fputsim.cli.Main", "kernel", "run", "--iterations", "2", "--image-size", "1G", "--data-mib", "64",
                "--results", dir.resolve("results").toString()));
        argv.addAll(List.of(mode));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < end && p.isAlive() && workloads(work, p.pid(), binary).isEmpty())
            Thread.sleep(20);
        assertThat(workloads(work, p.pid(), binary)).as("the workload started within 180 s; run output:\n"
                + Files.readString(dir.resolve("out.txt"))).isNotEmpty();
        return p;
    }

    /** Processes of ours: their command line names the killed JVM's scratch dir. */
    static List<String> workloads(Path work, long javaPid, String binary) {
        String mine = work + "/fputsim-" + javaPid + "-";
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(mine)
                && h.info().command().orElse("").contains(binary)).map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
    }

    static List<String> leftovers(Path dir, long javaPid) throws Exception {
        Path work = dir.resolve("work");
        String mine = work + "/fputsim-" + javaPid + "-";
        List<String> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            for (Path b : s.filter(x -> x.getFileName().toString().startsWith("loop")).toList()) {
                Path bf = b.resolve("loop/backing_file");
                if (Files.exists(bf) && Files.readString(bf).strip().startsWith(mine))
                    left.add("loop device " + b.getFileName());
            }
        }
        Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(" " + mine)).forEach(l -> left.add("mount " + l));
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(mine))
                .forEach(h -> left.add("process " + h.pid() + " " + h.info().commandLine().orElse("")));
        try (Stream<Path> s = Files.list(work)) {
            s.filter(x -> x.getFileName().toString().startsWith("fputsim-" + javaPid + "-")).forEach(x -> left.add("scratch " + x));
        }
        try (Stream<Path> s = Files.list(dir.resolve("state"))) {
            s.filter(x -> x.getFileName().toString().startsWith("fputsim-" + javaPid + "-")).forEach(x -> left.add("record " + x));
        }
        return left;
    }

    static void killJavaAndAssertNothingLeft(Path dir, Process p) throws Exception {
        p.destroyForcibly(); // SIGKILL, to the java this test started, by its PID
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // the supervisor tears down within seconds
        List<String> left = leftovers(dir, p.pid());
        while (!left.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
            left = leftovers(dir, p.pid());
        }
        assertThat(left).as("left behind by the SIGKILLed run").isEmpty();
    }

    @Test
    void closeRing_javaSigkilledWhileTheWorkloadHoldsAfterClose_leavesNothing() throws Exception {
        Path dir = BASE.resolve("close-ring");
        Process p = startAndWaitForWorkload(dir, "fputsim-close-ring", "--exit-mode", "close-ring", "--ring-hold-ms", "120000");
        killJavaAndAssertNothingLeft(dir, p);
    }

    @Test
    void fioCompletes_javaSigkilledWhileFioRuns_leavesNothing() throws Exception {
        Path dir = BASE.resolve("fio-completes");
        Process p = startAndWaitForWorkload(dir, "fio", "--exit-mode", "fio-completes", "--runtime-ms", "120000");
        killJavaAndAssertNothingLeft(dir, p);
    }
}
