package fputsim.tests.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Tally;
import fputsim.explore.strategy.RandomStrategy;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's main command as a user runs it: ./fputsim as a process (this module builds after
 * cli, so its jar exists), and on a fresh clone, where the launcher must build what it needs.
 */
class LauncherTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A run the CLI will not finish before it is interrupted. */
    private static final long FOREVER = Long.MAX_VALUE / 2;
    /** Guards against a hung process only; generous so that a loaded machine never trips it. */
    private static final int HANG_GUARD_SECONDS = 600;
    private static final Pattern PROGRESS = Pattern.compile("^Progress: (\\d+) schedules");
    private static final String END = new String("end of output");

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
        Run list = run(ROOT, List.of("./fputsim", "list", "variants"), HANG_GUARD_SECONDS);
        assertThat(list.code()).as(list.out()).isZero();
        assertThat(list.out()).contains("baseline-6.18", "exit-cancel-2026");
        Run bad = run(ROOT, List.of("./fputsim", "check", "--scenario", "99"), HANG_GUARD_SECONDS);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out().strip()).startsWith("fputsim: unknown scenario '99'").doesNotContain("Exception");
    }

    /**
     * Ctrl-C on a run that would not end by itself: a random search at 1 x 1 with a practically unlimited
     * number of runs. The signal is sent once the progress lines show that the search is past the schedule
     * where it first violates a property (counted here with the explorer itself, same seed), so the test waits
     * for the run's progress, never for a length of time, and cannot race with the run ending on its own.
     */
    @Test
    void check_interruptedWithSigint_printsPartialStatisticsAndTheViolationFoundSoFar() throws Exception {
        Scenario s = Scenarios.find("03");
        ModelFactory f = new ModelFactory(s, s.defaults().withSize(1, 1), Variants.find("baseline-6.18"));
        Exploration first = Explorer.quiet().explore(f, new RandomStrategy(1, FOREVER), new Bounds(2_000, FOREVER, 0, true));
        long firstViolation = first.stats().schedules();
        assertThat(first.tallies()).as("seed 1 violates something at 1 x 1").anyMatch(t -> t.violating() > 0);

        // SIGINT ignored by an ancestor (a background job of a non-interactive shell, nohup'd CI
        // runners) stays ignored across fork and exec, and the JVM then keeps it ignored: the run
        // would never see the Ctrl-C this test sends. env(1) gives the child the default disposition.
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", "./fputsim", "check", "--jobs", "1", "--iodepth", "1", "--strategy", "random",
                "--seed", "1", "--runs", Long.toString(FOREVER), "--max-schedules", Long.toString(FOREVER), "--shrink-attempts", "50")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    text.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                lines.add(END);
            }
        });
        reader.start();
        try {
            long seen = -1;
            while (seen < firstViolation) {
                String line = lines.take();
                assertThat(line).as("the run ended before it was interrupted:%n%s", text).isNotSameAs(END);
                Matcher m = PROGRESS.matcher(line);
                if (m.find()) {
                    seen = Long.parseLong(m.group(1));
                }
            }
            Run kill = run(ROOT, List.of("kill", "-INT", Long.toString(p.pid())), HANG_GUARD_SECONDS);
            assertThat(kill.code()).isZero();
            assertThat(p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("stopped after SIGINT").isTrue();
        } finally {
            p.destroyForcibly();
        }
        reader.join();
        assertThat(text.toString()).contains("(interrupted: ", "stop requested after ", "Observation umount-busy-after-reap", "token:     FPS1:");
        for (Tally t : first.tallies()) {
            if (t.violating() > 0 && !ModelFactory.isProbe(t.property())) {
                assertThat(text.toString()).as("the violation found before the interrupt is reported").contains(t.property());
            }
        }
        assertThat(p.exitValue()).isEqualTo(1);
    }

    @Test
    void launcher_onAFreshClone_buildsTheCliAndPrintsUsage(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve(".git")) || Files.isRegularFile(ROOT.resolve(".git")), "not a git checkout");
        Path clone = tmp.resolve("clone");
        Run c = run(tmp, List.of("git", "clone", "-q", ROOT.toString(), clone.toString()), HANG_GUARD_SECONDS);
        assertThat(c.code()).as(c.out()).isZero();
        assertThat(clone.resolve("cli/target")).doesNotExist();
        Run help = run(clone, List.of("./fputsim", "--help"), 2 * HANG_GUARD_SECONDS);
        assertThat(help.code()).as(help.out()).isZero();
        assertThat(help.out()).contains("building the CLI", "Usage: fputsim", "check", "Exit codes:");
        assertThat(clone.resolve("cli/target/fputsim.jar")).exists();
    }
}
