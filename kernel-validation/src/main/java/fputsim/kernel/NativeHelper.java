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

    private NativeHelper() {
    }

    /** Default cache: -Dfputsim.native.dir, else a per-user dir under java.io.tmpdir. */
    public static Path defaultCacheDir() {
        String d = System.getProperty("fputsim.native.dir");
        return d != null ? Path.of(d) : Path.of(System.getProperty("java.io.tmpdir"), "fputsim-native");
    }

    static byte[] source() {
        try (InputStream in = NativeHelper.class.getResourceAsStream(SOURCE)) {
            if (in == null)
                throw new KernelValidationException("resource " + SOURCE + " missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KernelValidationException("cannot read resource " + SOURCE + ": " + e.getMessage());
        }
    }

    static String binaryName(byte[] src) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(src);
            return "fputsim-reaper-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // SHA-256 is mandatory in every JDK
        }
    }

    /** Path of a runnable helper, building it first if this source has not been built here. */
    public static Path build(Path cacheDir) throws InterruptedException {
        byte[] src = source();
        Path bin = cacheDir.resolve(binaryName(src));
        if (Files.isExecutable(bin))
            return bin;
        try {
            Files.createDirectories(cacheDir);
            Path c = cacheDir.resolve(bin.getFileName() + ".c");
            Files.write(c, src);
            Path tmp = cacheDir.resolve(bin.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Cmd.Result r = Cmd.run(Duration.ofSeconds(120), "gcc", "-O2", "-Wall", "-o", tmp.toString(), c.toString());
            if (!r.ok())
                throw new KernelValidationException("gcc could not build " + SOURCE + ": " + r.firstLine());
            Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return bin;
        } catch (IOException e) {
            throw new KernelValidationException("cannot build the helper in " + cacheDir + ": " + e.getMessage());
        }
    }
}
