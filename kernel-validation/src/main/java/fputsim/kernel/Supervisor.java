/*
 * Supervisor: the JVM side of fputsim-supervisor.c, the native process that owns what one run
 * creates (scratch dir, image, loop device, mount, tracefs instance, the host commands and fio)
 * and removes it when the JVM goes away, whatever kills it: the supervisor leaves the JVM's
 * session (setsid) and tears down when its stdin, the pipe from this JVM, closes.
 * Every resource is announced with own() BEFORE it is created, and the supervisor appends it to
 * the run's record (<stateDir>/fputsim-<pid>-<n>.rec) before it acknowledges, so the record is
 * always a superset of what exists. A record left behind (the supervisor itself was killed, or
 * a resource could not be removed) is reclaimed by the next run or `kernel clean`: reclaim()
 * tears it down only once the record's owner JVM and supervisor are both dead (same boot, same
 * start time), and only what it names, after the supervisor's own checks (a loop device's
 * backing file, the mount's source, the instance's name).
 * Leaves out: anything it was not told to own; a second run sharing one supervisor.
 * Checked by: SupervisorTest, KernelInterruptionTest (cli), ReproducerInterruptTest.
 */
package fputsim.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

public final class Supervisor implements Cmd.Exec, AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration ACK = Duration.ofSeconds(30);

    private final Process proc;
    private final OutputStream in;
    private final Path record;
    private final Path spool;
    private final AtomicLong seq = new AtomicLong();
    private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private volatile boolean dead;
    private volatile boolean printsStdout;

    private Supervisor(Process proc, Path record, Path spool) {
        this.proc = proc;
        this.in = proc.getOutputStream();
        this.record = record;
        this.spool = spool;
    }

    /** -Dfputsim.state.dir, else $FPUTSIM_STATE_DIR, else /var/lib/fputsim (kept across reboots, like the images). */
    public static Path defaultStateDir() {
        String p = System.getProperty("fputsim.state.dir");
        if (p == null || p.isBlank())
            p = System.getenv("FPUTSIM_STATE_DIR");
        return Path.of(p == null || p.isBlank() ? "/var/lib/fputsim" : p);
    }

    /** Builds (if needed) and starts the run's supervisor, writing its record in {@code stateDir}. */
    public static Supervisor start(Path nativeDir, Path stateDir) throws InterruptedException {
        Path bin = NativeHelper.build(nativeDir, NativeHelper.SUPERVISOR);
        Path state;
        try {
            Files.createDirectories(stateDir);
            state = stateDir.toRealPath();
        } catch (IOException e) {
            throw new KernelValidationException("cannot create the state directory " + stateDir + ": " + e.getMessage());
        }
        String base = "fputsim-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Path record = state.resolve(base + ".rec");
        Path spool = state.resolve(base + ".d");
        Process p;
        try {
            p = new ProcessBuilder(bin.toString(), "--record", record.toString(), "--owner",
                    Long.toString(ProcessHandle.current().pid()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new KernelValidationException("cannot start " + bin + ": " + e.getMessage());
        }
        Supervisor s = new Supervisor(p, record, spool);
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        s.pending.put(0L, ready);
        Thread t = new Thread(s::readReplies, "fputsim-supervisor-replies");
        t.setDaemon(true);
        t.start();
        try {
            s.await(ready, ACK);
            s.own("dir", spool, null);
            Files.createDirectory(spool);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new KernelValidationException("the run's supervisor did not start: " + e.getMessage());
        }
        return s;
    }

    public Path record() {
        return record;
    }

    public long pid() {
        return proc.pid();
    }

    private void readReplies() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                String[] f = line.split("\t");
                if (f.length >= 2 && f[0].equals("ready")) {
                    printsStdout = f.length >= 3 && f[2].equals("1");
                    complete(0, 0);
                }
                else if (f.length >= 2 && f[0].equals("ok"))
                    complete(Long.parseLong(f[1]), 0);
                else if (f.length >= 3 && f[0].equals("done"))
                    complete(Long.parseLong(f[1]), Integer.parseInt(f[2]));
            }
        } catch (IOException | RuntimeException ignored) {
            // the supervisor is gone: fail whoever waits
        }
        dead = true;
        for (CompletableFuture<Integer> f : pending.values())
            f.completeExceptionally(new KernelValidationException("the run's supervisor exited"));
    }

    private void complete(long id, int code) {
        CompletableFuture<Integer> f = pending.remove(id);
        if (f != null)
            f.complete(code);
    }

    private synchronized void send(List<String> fields) {
        for (String f : fields) {
            if (f.contains("\t") || f.contains("\n") || f.isEmpty())
                throw new KernelValidationException("cannot pass to the supervisor (empty, or a tab or newline in it): '" + f + "'");
        }
        try {
            in.write((String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new KernelValidationException("the run's supervisor is gone: " + e.getMessage());
        }
    }

    private int await(CompletableFuture<Integer> f, Duration d) throws InterruptedException {
        try {
            return f.get(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new KernelValidationException(e.getCause().toString());
        } catch (TimeoutException e) {
            throw new KernelValidationException("the run's supervisor did not answer within " + d.toSeconds() + " s");
        }
    }

    /**
     * Records a resource before it is created: dir, image, file (A only), mount (A = mount point,
     * B = image), instance (A = tracefs instance dir, B = where to save its trace if the run does not).
     */
    public void own(String kind, Path a, Path b) throws InterruptedException {
        long id = seq.incrementAndGet();
        CompletableFuture<Integer> f = new CompletableFuture<>();
        pending.put(id, f);
        List<String> fields = new ArrayList<>(List.of("own", Long.toString(id), kind, a.toString()));
        if (b != null)
            fields.add(b.toString());
        send(fields);
        await(f, ACK);
    }

    /** Runs argv as the supervisor's child; on interrupt the child is killed (and reaped) first. */
    @Override
    public Cmd.Result run(Duration timeout, List<String> argv) throws InterruptedException {
        if (dead)
            throw new KernelValidationException("the run's supervisor exited");
        long id = seq.incrementAndGet();
        Path out = spool.resolve("cmd-" + id + ".out");
        CompletableFuture<Integer> f = new CompletableFuture<>();
        pending.put(id, f);
        List<String> fields = new ArrayList<>(List.of("exec", Long.toString(id), out.toString()));
        fields.addAll(argv);
        send(fields);
        int code;
        try {
            code = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killAndWait(id, f);
            readAndDelete(out);
            throw e;
        } catch (TimeoutException e) {
            killAndWait(id, f);
            readAndDelete(out);
            return new Cmd.Result(-1, argv.get(0) + ": timed out after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new KernelValidationException(argv.get(0) + ": " + e.getCause().getMessage());
        }
        return new Cmd.Result(code, readAndDelete(out));
    }

    private void killAndWait(long id, CompletableFuture<Integer> f) {
        try {
            send(List.of("kill", Long.toString(id)));
            f.get(10, TimeUnit.SECONDS); // uninterruptible enough: the flag is restored by the caller's rethrow
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException ignored) {
            // the supervisor is gone or slow: its teardown kills the child anyway
        }
    }

    /** True when the supervisor holds this process's stdout (a pipe, socket or terminal) and can print to it. */
    public boolean printsStdout() {
        return printsStdout;
    }

    /**
     * Prints {@code lines} on this process's stdout (through the supervisor) and leaves {@code tail}
     * with it: if the JVM dies before the next emit, the supervisor writes the tail, which ends the
     * document properly. One request, so the supervisor's idea of what was printed is exact.
     */
    public void emit(List<String> lines, List<String> tail) {
        List<String> fields = new ArrayList<>(List.of("emit", Long.toString(seq.incrementAndGet()), Integer.toString(lines.size())));
        for (String l : lines)
            fields.add(l.isEmpty() ? " " : l.replace('\t', ' '));
        for (String l : tail)
            fields.add(l.isEmpty() ? " " : l.replace('\t', ' '));
        send(fields);
    }

    /** SIGKILL to every command still running (the shutdown hook's first step). */
    public void killChildren() {
        for (Long id : pending.keySet()) {
            try {
                send(List.of("kill", Long.toString(id)));
            } catch (RuntimeException ignored) {
                // gone: its teardown kills them
            }
        }
    }

    private static String readAndDelete(Path out) {
        try {
            String s = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            Files.deleteIfExists(out);
            return s;
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the run: the supervisor tears down what is left (normally nothing) and removes the record. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            try {
                Files.deleteIfExists(spool); // empty once every command returned; the supervisor removes it otherwise
            } catch (IOException ignored) {
                // not empty: a command's output is left, the teardown removes it
            }
            try {
                send(List.of("bye"));
            } catch (RuntimeException ignored) {
                // already gone
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // already closed
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (proc.isAlive() && System.nanoTime() < end) {
                try {
                    proc.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted)
                Thread.currentThread().interrupt();
        }
    }

    /** Exit code of the supervisor once closed (0: everything of the run was removed). */
    public int exitCode() {
        return proc.isAlive() ? -1 : proc.exitValue();
    }

    /**
     * Reclaims every dead run recorded in {@code stateDir}: one line per record ("reclaimed
     * RECORD owner PID", "alive RECORD ..." for a run still going, "failed ..."), and the
     * supervisor's notes of what it removed. Touches nothing else.
     */
    public static List<String> reclaim(Path nativeDir, Path stateDir) throws InterruptedException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(stateDir))
            return out;
        List<Path> records;
        try (Stream<Path> s = Files.list(stateDir)) {
            records = s.filter(p -> p.getFileName().toString().matches("fputsim-\\d+-\\d+\\.rec")).sorted().toList();
        } catch (IOException e) {
            throw new KernelValidationException("cannot list " + stateDir + ": " + e.getMessage());
        }
        if (records.isEmpty())
            return out;
        Path bin = NativeHelper.build(nativeDir, NativeHelper.SUPERVISOR);
        for (Path r : records) {
            Cmd.Result res = Cmd.run(Duration.ofSeconds(120), bin.toString(), "--reclaim", r.toString());
            for (String l : res.out().strip().split("\n")) {
                if (!l.isBlank())
                    out.add(l.replace('\t', ' ').replaceFirst("^fputsim-supervisor\\[\\d+\\]: ", "  "));
            }
            if (res.exit() != 0 && res.exit() != 1)
                out.add("failed " + r + " (exit " + res.exit() + "): the record stays");
        }
        return out;
    }
}
