/*
 * Scratch: the run's own ext4 on its own loop device: a sparse image file, the loop device
 * losetup attached to it, a mount point directory, and the pre-written data file.
 * Leaves out: any device, mount or file it did not create. It never unmounts a path that
 * is not its own mount point and never detaches a loop device whose backing file is not its
 * own image (checked with losetup before losetup -d).
 * Checks: close() works from any state (half-created, mounted, busy): umount retried, lazy
 * umount only as the last resort, then losetup -d, then the files.
 * Checked by: RealKernelTest, ReproducerInterruptTest (nothing of ours left in losetup -a
 * or /proc/mounts).
 */
package fputsim.kernel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

final class Scratch implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration T = Duration.ofSeconds(120);

    final Path dir;
    final Path image;
    final Path mnt;
    final Path dataFile;
    private String loop; // null until attached
    private boolean closed;
    private final Cmd.Exec x;

    private Scratch(Path dir, Cmd.Exec x) {
        this.dir = dir;
        this.x = x;
        this.image = dir.resolve("fputsim.img");
        this.mnt = dir.resolve("mnt");
        this.dataFile = mnt.resolve("foo");
    }

    /** Creates image, filesystem, loop device and data file; registered for cleanup first. */
    static Scratch create(Path workDir, long imageBytes, int dataMiB) throws InterruptedException {
        return create(workDir, imageBytes, dataMiB, null);
    }

    /**
     * As create(), with every host command run by the run's supervisor, which is told about the
     * directory, the image and the mount before they exist (null: commands run directly).
     */
    static Scratch create(Path workDir, long imageBytes, int dataMiB, Supervisor sup) throws InterruptedException {
        Path dir;
        try {
            Files.createDirectories(workDir);
            // the real path: it is what losetup shows as the backing file and /proc/mounts as the mount point
            dir = workDir.toRealPath().resolve("fputsim-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
        } catch (IOException e) {
            throw new KernelValidationException("cannot create " + workDir + ": " + e.getMessage());
        }
        if (dir.toString().matches(".*\\s.*"))
            throw new KernelValidationException("the work directory must not contain white space: " + dir);
        Scratch s = new Scratch(dir, sup != null ? sup : Cmd.DIRECT);
        if (sup != null) {
            sup.own("dir", dir, null);
            sup.own("image", s.image, null);
            sup.own("mount", s.mnt, s.image);
        }
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new KernelValidationException("cannot create " + dir + ": " + e.getMessage());
        }
        try {
            if (!Cleanups.register(s))
                throw new KernelValidationException("run was cancelled");
            s.build(imageBytes, dataMiB);
            return s;
        } catch (InterruptedException | RuntimeException e) {
            // The caller never sees s: remove what was made before passing the failure on.
            Cleanups.unregister(s);
            s.close();
            throw e;
        }
    }

    private void build(long imageBytes, int dataMiB) throws InterruptedException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(imageBytes); // sparse, like truncate -s
            Files.createDirectory(mnt);
        } catch (IOException e) {
            throw new KernelValidationException("cannot create image " + image + ": " + e.getMessage());
        }
        // Eager init: otherwise ext4lazyinit writes in the background during the iterations.
        x.must(T, "mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", image.toString());
        attach();
        mount();
        x.must(T, "dd", "if=/dev/zero", "of=" + dataFile, "bs=1M", "count=" + dataMiB, "conv=fsync", "status=none");
        if (!unmount(Duration.ofSeconds(5)))
            throw new KernelValidationException("cannot unmount " + mnt + " after writing the data file");
    }

    private synchronized void attach() throws InterruptedException {
        if (closed)
            throw new KernelValidationException("run was cancelled");
        loop = x.must(T, "losetup", "-f", "--show", image.toString()).strip();
    }

    /** fio's stderr of the latest iteration, kept when fio exits before the kill. */
    Path fioLog() {
        return dir.resolve("fio.log");
    }

    String loopDevice() {
        return loop;
    }

    /** mount(8) of our device on our directory; the errno-like result is in the message. */
    synchronized Cmd.Result tryMount() throws InterruptedException {
        if (closed)
            throw new KernelValidationException("run was cancelled");
        return x.run(T, "mount", "-t", "ext4", loop, mnt.toString());
    }

    void mount() throws InterruptedException {
        Cmd.Result r = tryMount();
        if (!r.ok())
            throw new KernelValidationException("mount " + loop + " " + mnt + " failed: " + r.firstLine());
    }

    boolean isMounted() {
        try {
            String want = " " + mnt + " ";
            return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(want));
        } catch (IOException e) {
            return false;
        }
    }

    /** Plain umount retried for up to {@code bound}; true once our mount point is gone. */
    boolean unmount(Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (isMounted()) {
            if (x.run(T, "umount", mnt.toString()).ok())
                return true;
            if (System.nanoTime() > end)
                return false;
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (closed)
            return;
        closed = true;
        try {
            cleanUp();
        } catch (InterruptedException e) {
            // Interrupted while cleaning: finish without sleeping, then restore the flag.
            Thread.currentThread().interrupt();
            lastResort();
        }
    }

    private void cleanUp() throws InterruptedException {
        if (isMounted() && !unmount(Duration.ofSeconds(10)))
            x.run(T, "umount", "-l", mnt.toString()); // last resort: the sb dies with its last file
        detach();
        deleteFiles();
    }

    private void lastResort() {
        try {
            Thread.interrupted();
            if (isMounted())
                x.run(T, "umount", "-l", mnt.toString());
            detach();
            deleteFiles();
        } catch (InterruptedException ignored) {
            // twice interrupted: leave what remains; the hook may still get it
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    private void detach() throws InterruptedException {
        if (loop == null) {
            // Interrupted inside losetup -f --show: the device may exist without our knowing its
            // name. losetup -j lists exactly the devices backed by our image.
            if (!Files.exists(image))
                return;
            String found = x.run(T, "losetup", "-n", "-O", "NAME", "-j", image.toString()).out().strip();
            if (found.isEmpty() || found.contains("\n") || !found.startsWith("/dev/loop"))
                return;
            loop = found;
        }
        // Only our device: its backing file must still be our image.
        Cmd.Result back = x.run(T, "losetup", "-n", "-O", "BACK-FILE", loop);
        if (back.ok() && back.out().strip().equals(image.toString()))
            x.run(T, "losetup", "-d", loop);
        loop = null;
    }

    private void deleteFiles() {
        // A fio that opened its file after an unmount creates it in the bare directory:
        // still ours (our fio, our directory), so it goes too.
        Path stray = mnt.resolve(dataFile.getFileName());
        for (Path p : new Path[] {stray, mnt, image, fioLog(), dir}) {
            try {
                if ((!p.equals(mnt) && !p.equals(stray)) || !isMounted())
                    Files.deleteIfExists(p);
            } catch (IOException e) {
                System.err.println("fputsim: cannot remove " + p + ": " + e.getMessage());
            }
        }
    }
}
