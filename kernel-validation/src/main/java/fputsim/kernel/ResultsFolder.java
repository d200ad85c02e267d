/*
 * ResultsFolder: the raw artifacts of one run, one directory per run:
 * fio-args.txt, uname-r.txt, fio-version.txt, doctor.txt, iterations.json, summary.json,
 * ktap.txt, trace.txt, trace-notes.txt and trace.json (traced runs: the capture as Chrome Trace
 * Event JSON, see CapturePerfetto), junit.xml (on request).
 * Checked by: RealKernelTest (files present after a run).
 */
package fputsim.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            Files.writeString(dir.resolve(name), content.endsWith("\n") ? content : content + "\n");
        } catch (IOException e) {
            throw new KernelValidationException("cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }

    void json(String name, Object value) {
        try {
            JSON.writeValue(dir.resolve(name).toFile(), value);
        } catch (IOException e) {
            throw new KernelValidationException("cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }
}
