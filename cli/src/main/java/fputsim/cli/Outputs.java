package fputsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every file fputsim writes: "-" is standard output (or input), a regular file is written to a
 * temporary file beside it and renamed over it only when complete, so a full disk, an error or a
 * stopped run never leaves a 0-byte or truncated file. A special file (/dev/stdout, a FIFO) is
 * written directly. Temporary files in progress are remembered, so that the watchdog and the
 * out-of-memory path can remove them ({@link #abandon}).
 */
final class Outputs {
    /** The body of a write: fills the stream. */
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final Set<Path> CREATED_DIRS = ConcurrentHashMap.newKeySet();

    /** Where "-" writes; Main points it at the command's standard output. */
    static volatile PrintStream stdout = System.out;
    /** Where "-" reads from. */
    static volatile InputStream stdin = System.in;

    private Outputs() {
    }

    static boolean isStdio(Path p) {
        return p != null && p.toString().equals("-");
    }

    /**
     * Refuses, before any work, a path that cannot be written: empty, a directory, or in a folder
     * that does not exist or is not writable. {@code option} names it in the message.
     */
    static void checkWritable(String option, Path p) {
        if (isStdio(p)) {
            return;
        }
        String s = p.toString();
        if (s.isBlank()) {
            throw new UsageError(option + " needs a file name (got an empty one; use - for standard output)");
        }
        if (Files.isDirectory(p)) {
            throw new UsageError("cannot write " + p + ": it is a directory (" + option + " needs a file name)");
        }
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageError("cannot write " + p + ": no such directory " + (dir == null ? "" : dir.toString()));
        }
        if (!Files.isWritable(dir) && !(Files.exists(p) && !Files.isRegularFile(p))) {
            throw new UsageError("cannot write " + p + ": the directory " + dir + " is not writable");
        }
        if (Files.exists(p) && !Files.isWritable(p)) {
            throw new UsageError("cannot write " + p + ": the file is not writable");
        }
    }

    /** Writes a whole file (or standard output for "-"); any failure is one line, exit 2, and no file. */
    static void write(Path p, Body body) {
        if (isStdio(p)) {
            try {
                OutputStream o = new java.io.FilterOutputStream(stdout) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                };
                body.write(o);
                o.flush();
                stdout.flush();
            } catch (IOException | UncheckedIOException e) {
                throw new UsageError("cannot write to standard output: " + reason(e));
            }
            return;
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            try (OutputStream o = Files.newOutputStream(p)) {
                body.write(o);
            } catch (IOException | UncheckedIOException e) {
                throw new UsageError("cannot write " + p + ": " + reason(e));
            }
            return;
        }
        Path abs = p.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            IN_PROGRESS.add(tmp);
            try (OutputStream o = Files.newOutputStream(tmp)) {
                body.write(o);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UsageError("cannot write " + p + ": " + reason(e));
        } finally {
            if (tmp != null) {
                IN_PROGRESS.remove(tmp);
                deleteQuietly(tmp);
            }
        }
    }

    static void writeText(Path p, String text) {
        write(p, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads a whole file, or standard input for "-". */
    static byte[] read(Path p) throws IOException {
        if (isStdio(p)) {
            return stdin.readAllBytes();
        }
        return Files.readAllBytes(p);
    }

    /**
     * Creates a folder for a command's files; remembers whether it was new, so that a failed
     * command removes it again ({@link #removeIfCreated}).
     */
    static void createDirectory(String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw new UsageError(option + " needs a folder name (got an empty one)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError("cannot create " + dir + ": a file of that name exists (" + option + " needs a folder)");
        }
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) {
                throw new UsageError("cannot write into " + dir + ": the folder is not writable");
            }
            return;
        }
        List<Path> made = new ArrayList<>();
        for (Path d = dir.toAbsolutePath(); d != null && !Files.exists(d); d = d.getParent()) {
            made.add(0, d);
        }
        try {
            for (Path d : made) {
                Files.createDirectory(d);
                CREATED_DIRS.add(d);
            }
        } catch (IOException e) {
            removeIfCreated(dir);
            throw new UsageError("cannot create " + dir + ": " + reason(e));
        }
    }

    /** Removes the folders {@link #createDirectory} made for {@code dir}, if they are empty. */
    static void removeIfCreated(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null && CREATED_DIRS.remove(d); d = d.getParent()) {
            deleteQuietly(d);
        }
    }

    /** The command succeeded: the folders it made stay. */
    static void keep(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null && CREATED_DIRS.remove(d); d = d.getParent()) {
            // forgotten: no longer removed on failure
        }
    }

    /** The process is being stopped: remove every temporary file in progress and every folder we made. */
    static void abandon() {
        for (Path t : List.copyOf(IN_PROGRESS)) {
            deleteQuietly(t);
        }
        List<Path> dirs = new ArrayList<>(CREATED_DIRS);
        dirs.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path d : dirs) {
            deleteQuietly(d);
        }
    }

    /** A deleted file; false (quietly) when it was not there or could not go. */
    static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    /** One short reason for an I/O failure, never a class name alone. */
    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (t instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
