/*
 * Cmd: runs one host command (losetup, mount, mkfs.ext4, fio, gcc, the helper) and
 * collects its exit code and merged output.
 * Leaves out: shells (argv is passed as is, nothing is interpreted), stdin.
 * Checks: a bounded wait; an interrupt destroys the child before it is rethrown, so an
 * interrupted run never leaves a command of ours running.
 */
package fputsim.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

public final class Cmd {
    /** What a command gave back. {@code exit} is -1 when it could not be started. */
    public record Result(int exit, String out) {
        public boolean ok() {
            return exit == 0;
        }

        public String firstLine() {
            String s = out.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    /** Seam for the doctor's tests: a fake runner answers without touching the host. */
    @FunctionalInterface
    public interface Runner {
        Result run(List<String> argv) throws InterruptedException;
    }

    public static final Runner HOST = argv -> run(Duration.ofSeconds(60), argv);

    private Cmd() {
    }

    public static Result run(Duration timeout, String... argv) throws InterruptedException {
        return run(timeout, List.of(argv));
    }

    public static Result run(Duration timeout, List<String> argv) throws InterruptedException {
        return run(timeout, argv, p -> { }, p -> { });
    }

    /**
     * As run(), with hooks around the child's life: the reproducer registers the helper with
     * Cleanups on start, so a shutdown hook kills it before touching the mount it uses.
     */
    public static Result run(Duration timeout, List<String> argv, Consumer<Process> started,
            Consumer<Process> ended) throws InterruptedException {
        Path out = null;
        Process p = null;
        try {
            // A file, not a pipe: waitFor() stays interruptible and nothing stalls on a full pipe.
            out = Files.createTempFile("fputsim-cmd-", ".out");
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            started.accept(p);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, argv.get(0) + ": timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            throw e;
        } finally {
            if (p != null)
                ended.accept(p);
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    /** Runs and fails with a one-line message naming the command. */
    public static String must(Duration timeout, String... argv) throws InterruptedException {
        Result r = run(timeout, argv);
        if (!r.ok())
            throw new KernelValidationException(String.join(" ", argv) + " failed: " + r.firstLine());
        return r.out();
    }
}
