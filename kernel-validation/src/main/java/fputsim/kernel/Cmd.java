/*
 * Cmd: runs one host command (losetup, mount, mkfs.ext4, fio, gcc, the helper) and
 * collects its exit code and merged output.
 * Leaves out: shells (argv is passed as is, nothing is interpreted), stdin.
 * Checks: a bounded wait; an interrupt destroys the child before it is rethrown, so an
 * interrupted run never leaves a command of ours running.
 */
package fputsim.kernel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        Process p = null;
        try {
            // A pipe drained by a daemon thread: no temp file to leave behind if the JVM is
            // killed, waitFor() stays interruptible, and a full pipe never stalls the child.
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            InputStream in = p.getInputStream();
            Thread drain = new Thread(() -> {
                try {
                    in.transferTo(buf);
                } catch (IOException ignored) {
                    // the child was destroyed: what was read is kept
                }
            }, "fputsim-cmd-out");
            drain.setDaemon(true);
            drain.start();
            started.accept(p);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, argv.get(0) + ": timed out after " + timeout.toSeconds() + " s");
            }
            drain.join(5_000);
            synchronized (buf) {
                return new Result(p.exitValue(), buf.toString(StandardCharsets.UTF_8));
            }
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
        }
    }

    /** Where a run's host commands go: the host directly, or the run's supervisor. */
    @FunctionalInterface
    public interface Exec {
        Result run(Duration timeout, List<String> argv) throws InterruptedException;

        default Result run(Duration timeout, String... argv) throws InterruptedException {
            return run(timeout, List.of(argv));
        }

        default String must(Duration timeout, String... argv) throws InterruptedException {
            Result r = run(timeout, List.of(argv));
            if (!r.ok())
                throw new KernelValidationException(String.join(" ", argv) + " failed: " + r.firstLine());
            return r.out();
        }
    }

    /** The host, for runs without a supervisor (tests of the parts). */
    public static final Exec DIRECT = Cmd::run;

    /** Runs and fails with a one-line message naming the command. */
    public static String must(Duration timeout, String... argv) throws InterruptedException {
        Result r = run(timeout, argv);
        if (!r.ok())
            throw new KernelValidationException(String.join(" ", argv) + " failed: " + r.firstLine());
        return r.out();
    }
}
