/*
 * ReproducerInterruptTest: a run stopped in the middle leaves nothing behind: no loop
 * device backed by our image, no mount of ours, no tracefs instance of ours, no scratch dir.
 * Two paths: Thread.interrupt() (the CLI's Ctrl-C handling, the finally blocks) and
 * Cleanups.closeAll() (what the JVM shutdown hook runs on SIGINT/SIGTERM).
 * Skips like RealKernelTest when a requirement is missing.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducerInterruptTest {
    static DoctorReport doctor;

    @TempDir
    Path work;

    @BeforeAll
    static void requirements() throws Exception {
        doctor = KernelDoctor.run();
        HostRequirements.assume(doctor);
    }

    /** Starts a long traced run in a thread and waits until its iterations are under way. */
    Thread start(AtomicReference<Throwable> thrown) throws Exception {
        ReproducerRun.Options o = RealKernelTest.options("io_uring", 200).withTrace(true).withWorkDir(work);
        Thread t = new Thread(() -> {
            try {
                ReproducerRun.run(o, new PrintStream(OutputStream.nullOutputStream()), doctor);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "reproducer-under-test");
        t.start();
        long end = System.nanoTime() + 60_000_000_000L;
        while (!fioRunning() && System.nanoTime() < end)
            Thread.sleep(20);
        assertThat(fioRunning()).as("fio started within 60 s").isTrue();
        Thread.sleep(150); // inside the kill sleep: fio holds files on our mount
        return t;
    }

    /** Our fio: its --filename is in this test's scratch dir (it runs under the reaper, under the supervisor). */
    boolean fioRunning() {
        String dir = work.toString() + "/";
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().orElse("").endsWith("/fio")
                && p.info().commandLine().orElse("").contains(dir));
    }

    void assertNothingLeft() throws Exception {
        HostRequirements.assertNothingLeft();
        try (Stream<Path> s = Files.list(work)) {
            assertThat(s).isEmpty();
        }
        try (Stream<Path> s = Files.list(TraceCapture.TRACEFS.resolve("instances"))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("fputsim-" + ProcessHandle.current().pid() + "-"));
        }
        assertThat(fioRunning()).isFalse();
    }

    @Test
    void run_interruptedMidIteration_removesEverythingItCreated() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = start(thrown);
        t.interrupt();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertNothingLeft();
    }

    @Test
    void cleanups_closeAllMidIteration_removesEverythingAndRunStops() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = start(thrown);
        Cleanups.closeAll(); // what the shutdown hook does on SIGINT
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isNotNull();
        assertNothingLeft();
    }
}
