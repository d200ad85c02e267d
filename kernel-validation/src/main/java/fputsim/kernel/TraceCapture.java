/*
 * TraceCapture: a private tracefs instance (instances/fputsim-<pid>-<n>) with the events
 * and filters of real-kernel.md, trace_clock=mono and a 16 MiB per-cpu buffer.
 * Leaves out: the function tracer, kprobes, hist and synthetic events (not available on
 * these hosts), and the global instance (never touched, so other users' tracing is safe).
 * Checks: a filter rejected with EINVAL (older kernels) falls back to the unfiltered event,
 * and FtraceParser drops the uninteresting work items instead. close() removes the instance.
 * Checked by: RealKernelTest (traced run), FtraceParserTest (what it reads back).
 */
package fputsim.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

public final class TraceCapture implements AutoCloseable {
    public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String WQ_FILTER = "function.function == io_ring_exit_work"
            + " || function.function == io_fallback_req_func || function.function == delayed_fput";

    /** event -> filter ("" for none), in the order they are enabled. */
    static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("signal/signal_generate", "sig == 9");
        // fputsim-close-r*: the close-ring workload of the no-kill mode (ExitMode.CLOSE_RING)
        EVENTS.put("sched/sched_process_exit", "comm ~ \"fio*\" || comm ~ \"iou-*\" || comm ~ \"fputsim-close*\"");
        // who is ours: the helper forks fio, fio clones its job threads (other fio runs may share the host)
        EVENTS.put("sched/sched_process_fork", "parent_comm ~ \"fputsim*\" || parent_comm ~ \"fio*\"");
        EVENTS.put("workqueue/workqueue_queue_work", WQ_FILTER);
        EVENTS.put("workqueue/workqueue_execute_start", WQ_FILTER);
        EVENTS.put("workqueue/workqueue_execute_end", WQ_FILTER);
        // only cancelled requests matter (-4 in the task, -14 in fallback); keeps the buffer small
        EVENTS.put("io_uring/io_uring_complete", "res < 0");
        EVENTS.put("io_uring/io_uring_create", "");
        EVENTS.put("syscalls/sys_enter_umount", "");
        EVENTS.put("syscalls/sys_exit_umount", "");
        EVENTS.put("syscalls/sys_enter_mount", "");
        EVENTS.put("syscalls/sys_exit_mount", "");
        EVENTS.put("syscalls/sys_exit_wait4", "ret > 0");
    }

    private final Path dir;
    private final List<String> notes = new ArrayList<>();
    private boolean removed;

    private TraceCapture(Path dir) {
        this.dir = dir;
    }

    /** Creates and arms the instance; tracing is on when this returns. */
    public static TraceCapture start(Path tracefs) {
        try {
            return start(tracefs, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelValidationException("interrupted before tracing started");
        }
    }

    /**
     * As start(), the instance announced to the run's supervisor first: if the JVM dies, the
     * supervisor saves the trace captured so far to {@code saveTo} and removes the instance.
     */
    public static TraceCapture start(Path tracefs, Supervisor sup, Path saveTo) throws InterruptedException {
        Path dir = tracefs.resolve("instances")
                .resolve("fputsim-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
        if (sup != null)
            sup.own("instance", dir, saveTo);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new KernelValidationException("cannot create tracefs instance " + dir + ": " + e.getMessage());
        }
        TraceCapture tc = new TraceCapture(dir);
        try {
            tc.write("tracing_on", "0");
            tc.write("trace_clock", "mono");
            tc.write("buffer_size_kb", "16384");
            for (Map.Entry<String, String> e : EVENTS.entrySet())
                tc.enable(e.getKey(), e.getValue());
            tc.write("tracing_on", "1");
        } catch (IOException | RuntimeException e) {
            tc.close();
            throw new KernelValidationException("cannot arm tracefs instance " + dir + ": " + e.getMessage());
        }
        return tc;
    }

    private void enable(String event, String filter) throws IOException {
        if (!filter.isEmpty()) {
            try {
                write("events/" + event + "/filter", filter);
            } catch (IOException e) {
                // EINVAL on kernels whose filter syntax lacks function.function: trace all, filter later.
                notes.add(event + ": filter rejected (" + e.getMessage() + "), unfiltered");
            }
        }
        write("events/" + event + "/enable", "1");
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value + "\n");
    }

    public Path markerPath() {
        return dir.resolve("trace_marker");
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** Notes such as rejected filters, for the results folder. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Stops tracing and returns the raw text of the instance's trace file. */
    public String stopAndRead() {
        try {
            write("tracing_on", "0");
            return Files.readString(dir.resolve("trace"));
        } catch (IOException e) {
            throw new KernelValidationException("cannot read " + dir + "/trace: " + e.getMessage());
        }
    }

    /** Removes the instance; the kernel refuses rmdir while events are enabled, so disable first. */
    @Override
    public synchronized void close() {
        if (removed)
            return;
        boolean interrupted = Thread.interrupted(); // cleanup must be able to wait; the flag is restored below
        try {
            closeInstance();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeInstance() {
        try {
            write("tracing_on", "0");
        } catch (IOException ignored) {
            // the instance may be half-built; rmdir below still tries
        }
        for (String event : EVENTS.keySet()) {
            try {
                write("events/" + event + "/enable", "0");
            } catch (IOException ignored) {
                // not enabled, or missing on this kernel
            }
        }
        // rmdir fails with EBUSY while a file of the instance is still open (e.g. the helper's
        // trace_marker in a process that is still exiting): retry for up to two seconds.
        for (int attempt = 0; attempt < 20 && !removed; attempt++) {
            try {
                Files.deleteIfExists(dir);
                removed = true;
            } catch (IOException e) {
                if (attempt == 19) {
                    notes.add("rmdir " + dir + " failed: " + e.getMessage());
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    notes.add("rmdir " + dir + " interrupted: " + e.getMessage());
                    break;
                }
            }
        }
    }
}
