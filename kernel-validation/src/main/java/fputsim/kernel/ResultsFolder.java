/*
 * ResultsFolder: the raw artifacts of one run, one directory per run:
 * fio-args.txt, uname-r.txt, fio-version.txt, doctor.txt, iterations.json, summary.json,
 * ktap.txt, trace.txt, trace-notes.txt and trace.json (traced runs: the capture as Chrome Trace
 * Event JSON, see CapturePerfetto), junit.xml (on request).
 * Every file is written to a temp file next to it, then renamed (atomic()): a reader sees the
 * old or the new content, never a half-written or 0-byte file, whatever stops the JVM.
 * Checked by: RealKernelTest (files present after a run), the interruption test.
 */
package fputsim.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

final class ResultsFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final Path dir;

    private ResultsFolder(Path dir) {
        this.dir = dir;
    }

    static ResultsFolder create(Path root, String ioengine) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = root.resolve(stamp + "-" + ioengine + "-" + ProcessHandle.current().pid());
        for (int n = 2; Files.exists(dir); n++)
            dir = root.resolve(stamp + "-" + ioengine + "-" + ProcessHandle.current().pid() + "-" + n);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KernelValidationException("cannot create results folder " + dir + ": " + e.getMessage());
        }
        return new ResultsFolder(dir);
    }

    void text(String name, String content) {
        atomic(dir.resolve(name), (content.endsWith("\n") ? content : content + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void json(String name, Object value) {
        try {
            atomic(dir.resolve(name), JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new KernelValidationException("cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }

    /** Called with each temp file's path before it is first created (the run's supervisor owns it). */
    void onTemp(Consumer<Path> c) {
        tempHook = c;
    }

    private Consumer<Path> tempHook = p -> { };

    /** Writes {@code bytes} to a temp file next to {@code target}, then renames it: never a half-written file. */
    void atomic(Path target, byte[] bytes) {
        Path tmp = tempFor(target);
        tempHook.accept(tmp);
        write(target, tmp, bytes);
    }

    static Path tempFor(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    }

    static void write(Path target, Path tmp, byte[] bytes) {
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the supervisor removes it
            }
            throw new KernelValidationException("cannot write " + target + ": " + e.getMessage());
        }
    }
}
