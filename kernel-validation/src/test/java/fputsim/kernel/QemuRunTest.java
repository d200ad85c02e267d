/*
 * QemuRunTest: what `kernel run --qemu 6.1` decides before it boots anything: which image it
 * takes (the newest 6.1 with its modules, never 6.10), the one-line skip (exit 77) when the image
 * or a tool is missing, the kill sleeps (the host run's formula and seed), the guest's events (the
 * host capture's), and how the exit mode reaches the guest (params and workload argv; bad
 * combinations refused in one line). The real boot is QemuRunCliTest's (cli).
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuRunTest {
    @TempDir
    Path dir;

    private QemuRun.Host host(String... releases) throws Exception {
        Path boot = dir.resolve("boot");
        Path mods = dir.resolve("modules");
        Files.createDirectories(boot);
        Files.createDirectories(mods);
        for (String r : releases) {
            boolean withModules = !r.endsWith("!");
            String rel = r.replace("!", "");
            Files.writeString(boot.resolve("vmlinuz-" + rel), "");
            if (withModules) {
                Files.createDirectories(mods.resolve(rel));
                Files.writeString(mods.resolve(rel).resolve("modules.dep"), "");
            }
        }
        return new QemuRun.Host(boot, mods);
    }

    @Test
    void release_isTheNewest61WithItsModules_neverA610() throws Exception {
        QemuRun.Host h = host("6.1.0-9-amd64", "6.1.0-57-amd64", "6.1.0-99-amd64!", "6.10.3-amd64", "6.18.44-fc");
        assertThat(QemuRun.release(h, "6.1")).contains("6.1.0-57-amd64");
        assertThat(QemuRun.release(h, "6.10")).contains("6.10.3-amd64");
        assertThat(QemuRun.release(h, "5.15")).isEmpty();
        assertThat(QemuRun.release(host("6.1.158"), "6.1")).contains("6.1.158");
    }

    @Test
    void run_withoutThe61Image_skips77WithOneReason_andMakesNoResultsFolder() throws Exception {
        QemuRun.Host h = host("6.18.44-fc");
        Path root = dir.resolve("results");
        Path junit = dir.resolve("junit.xml");
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withIterations(2).withResultsRoot(root)
                .withJunitXml(junit);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary s = QemuRun.run(o, new PrintStream(out, true, StandardCharsets.UTF_8), ReproducerRun.Outputs.none(), "6.1", h);
        String ktap = out.toString(StandardCharsets.UTF_8);
        assertThat(s.exitCode()).isEqualTo(77);
        assertThat(s.skipReason()).startsWith("not run: ").doesNotContain("\n");
        if (QemuRun.doctor(h, "6.1").checks().get(0).ok()) // with qemu installed, the image is what is missing
            assertThat(s.skipReason()).isEqualTo("not run: kernel-6.1: no " + h.boot() + "/vmlinuz-6.1* with " + h.modules()
                    + "/<release>/modules.dep (Debian: apt-get install linux-image-amd64 on bookworm)");
        assertThat(ktap).contains("1..1\n").contains("ok 1 io_uring-umount-after-reap # SKIP " + s.skipReason());
        assertThat(root).doesNotExist();
        assertThat(Files.readString(junit)).contains("skipped");
    }

    @Test
    void doctor_namesEveryTool() throws Exception {
        DoctorReport d = QemuRun.doctor(host(), "6.1");
        assertThat(d.checks()).extracting(Check::name)
                .containsExactly("qemu", "kernel-6.1", "busybox", "cpio", "fio", "gcc", "mkfs.ext4", "tar");
        assertThat(d.allOk()).isFalse(); // no image in an empty /boot
    }

    @Test
    void run_aVersionThatIsNotOne_isBadInput() {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withResultsRoot(dir.resolve("r"));
        assertThatThrownBy(() -> QemuRun.run(o, new PrintStream(new ByteArrayOutputStream()), ReproducerRun.Outputs.none(),
                "six", QemuRun.Host.debian())).isInstanceOf(KernelValidationException.class).hasMessageContaining("like 6.1");
    }

    @Test
    void killSleepsUs_minPlusRandomFromTheSeed() {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withIterations(5).withSeed(7)
                .withSleeps(QemuRun.MIN_SLEEP, QemuRun.RANDOM_SLEEP);
        SplittableRandom rnd = new SplittableRandom(7);
        List<Long> p = o.killSleepsUs();
        assertThat(p).hasSize(5);
        for (long us : p) {
            assertThat(us).isEqualTo(2_000_000 + rnd.nextLong(1_000_001)).isBetween(2_000_000L, 3_000_000L);
        }
        assertThat(o.withSleeps(Duration.ofMillis(300), Duration.ZERO).killSleepsUs()).containsOnly(300_000L);
        assertThat(o.withSeed(8).killSleepsUs()).isNotEqualTo(p);
    }

    @Test
    void events_areTheHostCapturesEventsAndFilters() {
        List<String> lines = QemuRun.events().lines().toList();
        assertThat(lines).hasSize(TraceCapture.EVENTS.size());
        int i = 0;
        for (var e : TraceCapture.EVENTS.entrySet())
            assertThat(lines.get(i++)).isEqualTo(e.getKey() + "\t" + e.getValue());
    }

    @Test
    void guestScripts_arePackaged() {
        assertThat(new String(NativeHelper.source(QemuRun.INIT), StandardCharsets.UTF_8)).startsWith("#!/bin/busybox sh");
        assertThat(new String(NativeHelper.source(QemuRun.INITRAMFS), StandardCharsets.UTF_8)).startsWith("#!/bin/sh");
    }
    @Test
    void params_theKillModeKills_theNoKillModesPassTheReapersNoKillAndTheirBound() {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withTrace(true);
        String kill = QemuRun.params(o, ExitMode.kill(), 42);
        assertThat(kill.lines()).contains("TRACE=1", "INSTANCE=fputsim-qemu-42", "NO_KILL=0", "CLOSE_RING=0");
        ExitMode fc = ExitMode.fioCompletes(Duration.ofMillis(1500));
        assertThat(QemuRun.params(o, fc, 42).lines()).contains("NO_KILL=1", "CLOSE_RING=0",
                "EXIT_BOUND_US=" + fc.exitBound().toNanos() / 1000);
        assertThat(fc.exitBound()).isEqualTo(Duration.ofMillis(61_500));
        assertThat(QemuRun.params(o, ExitMode.closeRing(8, "defer", false, false), 42).lines())
                .contains("NO_KILL=1", "CLOSE_RING=1", "EXIT_BOUND_US=20000000");
    }

    @Test
    void workload_fioCompletesPutsTimeBasedBeforeTheUsersFioArgs_closeRingRunsTheStaticHelper() {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withFioExtraArgs(List.of("--registerfiles=1", "--runtime=3s"));
        Path foo = Path.of("/mnt/foo");
        List<String> kill = QemuRun.workload(o, ExitMode.kill(), foo);
        assertThat(kill).isEqualTo(FioJob.args(o, foo)).doesNotContain("--time_based=1");
        List<String> fc = QemuRun.workload(o, ExitMode.fioCompletes(Duration.ofMillis(1500)), foo);
        assertThat(fc.get(0)).isEqualTo("fio");
        assertThat(fc.subList(fc.size() - 4, fc.size()))
                .containsExactly("--time_based=1", "--runtime=1500ms", "--registerfiles=1", "--runtime=3s"); // the user's last
        ReproducerRun.Options plain = ReproducerRun.Options.defaults("io_uring");
        assertThat(QemuRun.workload(plain, ExitMode.closeRing(8, "sqpoll", true, true), foo)).containsExactly(
                QemuRun.CLOSE_RING_BIN, "--file", "/mnt/foo", "--depth", "8", "--setup", "sqpoll", "--fixed", "--buffered");
        assertThat(NativeHelper.source(NativeHelper.CLOSE_RING)).isNotEmpty();
    }

    @Test
    void run_closeRingWithFioArgs_orOnLibaio_isOneLineBadInput_beforeAnythingBoots() throws Exception {
        QemuRun.Host h = host("6.18.44-fc");
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withResultsRoot(dir.resolve("r"))
                .withFioExtraArgs(List.of("--registerfiles=1"));
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        ExitMode cr = ExitMode.closeRing(8, "defer", false, false);
        assertThatThrownBy(() -> QemuRun.run(o, cr, out, ReproducerRun.Outputs.none(), "6.1", h))
                .isInstanceOf(KernelValidationException.class).hasMessage("exit mode close-ring runs no fio: fio arguments have no effect");
        ReproducerRun.Options aio = ReproducerRun.Options.defaults("libaio").withResultsRoot(dir.resolve("r"));
        assertThatThrownBy(() -> QemuRun.run(aio, cr, out, ReproducerRun.Outputs.none(), "6.1", h))
                .isInstanceOf(KernelValidationException.class).hasMessageContaining("--ioengine must be io_uring");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void run_fioCompletesWithoutThe61Image_skipsUnderTheModesLabel() throws Exception {
        QemuRun.Host h = host("6.18.44-fc");
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withResultsRoot(dir.resolve("r"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary s = QemuRun.run(o, ExitMode.fioCompletes(Duration.ofSeconds(1)), new PrintStream(out, true, StandardCharsets.UTF_8),
                ReproducerRun.Outputs.none(), "6.1", h);
        assertThat(s.exitCode()).isEqualTo(77);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok 1 io_uring-fio-completes-umount-after-reap # SKIP ");
    }

    @Test
    void guestInit_runsTheReaperWithoutTheKillWhenParamsSaySo() {
        String init = new String(NativeHelper.source(QemuRun.INIT), StandardCharsets.UTF_8);
        assertThat(init).contains("if [ \"$NO_KILL\" = 1 ]; then")
                .contains("--no-kill --exit-bound-us \"$EXIT_BOUND_US\"").contains("FPUTSIM-WLOG $i");
    }
}
