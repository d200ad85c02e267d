package fputsim.tests.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's main command as a user runs it: ./fputsim as a process (this module builds after
 * cli, so its jar exists), and on a fresh clone, where the launcher must build what it needs.
 */
class LauncherTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String out) {
    }

    static Run run(Path dir, List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void launcher_listAndBadScenario_runAsAProcessWithDocumentedExitCodes() throws Exception {
        Run list = run(ROOT, List.of("./fputsim", "list", "variants"), 300);
        assertThat(list.code()).as(list.out()).isZero();
        assertThat(list.out()).contains("baseline-6.18", "exit-cancel-2026");
        Run bad = run(ROOT, List.of("./fputsim", "check", "--scenario", "99"), 300);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out().strip()).startsWith("fputsim: unknown scenario '99'").doesNotContain("Exception");
    }

    @Test
    void check_interruptedWithSigint_printsPartialStatisticsAndTheViolationFoundSoFar() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("./fputsim", "check", "--jobs", "3", "--iodepth", "2", "--shrink-attempts", "50")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reader.start();
        Thread.sleep(4000);
        assertThat(p.isAlive()).as("a 3 x 2 exhaustive check runs longer than 4 s").isTrue();
        Run kill = run(ROOT, List.of("kill", "-INT", Long.toString(p.pid())), 10);
        assertThat(kill.code()).isZero();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        reader.join();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("(interrupted: stop requested after ", "Observation umount-busy-after-reap", "token:     FPS1:");
        assertThat(p.exitValue()).isEqualTo(1);
    }

    @Test
    void launcher_onAFreshClone_buildsTheCliAndPrintsUsage(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve(".git")) || Files.isRegularFile(ROOT.resolve(".git")), "not a git checkout");
        Path clone = tmp.resolve("clone");
        Run c = run(tmp, List.of("git", "clone", "-q", ROOT.toString(), clone.toString()), 120);
        assertThat(c.code()).as(c.out()).isZero();
        assertThat(clone.resolve("cli/target")).doesNotExist();
        Run help = run(clone, List.of("./fputsim", "--help"), 900);
        assertThat(help.code()).as(help.out()).isZero();
        assertThat(help.out()).contains("building the CLI", "Usage: fputsim", "check", "Exit codes:");
        assertThat(clone.resolve("cli/target/fputsim.jar")).exists();
    }
}
