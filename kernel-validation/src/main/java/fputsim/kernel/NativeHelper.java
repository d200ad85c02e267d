/*
 * NativeHelper: builds fputsim-reaper.c (packaged in the jar) with the host's gcc into a
 * cache directory, named by the source's hash, so a changed source is rebuilt and an
 * unchanged one is reused.
 * Leaves out: prebuilt binaries (the helper is built where it runs, for that kernel's libc).
 * Checks: the compile runs into a temp name and is moved into place, so two JVMs building
 * at once never run a half-written binary.
 * Checked by: RealKernelTest (builds and runs it), NativeHelperTest (hash naming).
 */
package fputsim.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

public final class NativeHelper {
    static final String SOURCE = "fputsim-reaper.c";
    /** The run's supervisor (owns and tears down what the run creates), see fputsim-supervisor.c. */
    static final String SUPERVISOR = "fputsim-supervisor.c";
    /** The no-kill mode's workload (issue 16 finding 7): raw io_uring syscalls, close(2) of the ring, exit. */
    static final String CLOSE_RING = "fputsim-close-ring.c";

    private NativeHelper() {
    }

    /** Default cache: -Dfputsim.native.dir, else a per-user dir under java.io.tmpdir. */
    public static Path defaultCacheDir() {
        String d = System.getProperty("fputsim.native.dir");
        return d != null ? Path.of(d) : Path.of(System.getProperty("java.io.tmpdir"), "fputsim-native");
    }

    static byte[] source() {
        return source(SOURCE);
    }

    static byte[] source(String name) {
        try (InputStream in = NativeHelper.class.getResourceAsStream(name)) {
            if (in == null)
                throw new KernelValidationException("resource " + name + " missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KernelValidationException("cannot read resource " + name + ": " + e.getMessage());
        }
    }

    static String binaryName(byte[] src) {
        return binaryName(SOURCE, src);
    }

    static String binaryName(String source, byte[] src) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(src);
            return source.replace(".c", "") + "-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // SHA-256 is mandatory in every JDK
        }
    }

    /** A build interrupted by the death of its JVM leaves NAME.tmp-PID: removed once PID is gone. */
    private static void removeDeadBuilds(Path cacheDir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(cacheDir)) {
            for (Path p : s.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*\\.tmp-(\\d+)").matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())
                    Files.deleteIfExists(p);
            }
        }
    }

    /** Path of a runnable helper, building it first if this source has not been built here. */
    public static Path build(Path cacheDir) throws InterruptedException {
        return build(cacheDir, SOURCE);
    }

    /** As build(), for one of the packaged C sources (SOURCE, SUPERVISOR or CLOSE_RING). */
    static Path build(Path cacheDir, String source) throws InterruptedException {
        byte[] src = source(source);
        Path bin = cacheDir.resolve(binaryName(source, src));
        if (Files.isExecutable(bin))
            return bin;
        try {
            Files.createDirectories(cacheDir);
            removeDeadBuilds(cacheDir);
            Path c = cacheDir.resolve(bin.getFileName() + ".c");
            Files.write(c, src);
            Path tmp = cacheDir.resolve(bin.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Cmd.Result r = Cmd.run(Duration.ofSeconds(120), "gcc", "-O2", "-Wall", "-o", tmp.toString(), c.toString());
            if (!r.ok())
                throw new KernelValidationException("gcc could not build " + source + ": " + r.firstLine());
            Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return bin;
        } catch (IOException e) {
            throw new KernelValidationException("cannot build the helper in " + cacheDir + ": " + e.getMessage());
        }
    }
}
