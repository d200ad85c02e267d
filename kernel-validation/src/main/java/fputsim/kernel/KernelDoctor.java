/*
 * KernelDoctor: checks that this host can run the real-kernel reproducer, one line per
 * requirement (ok / not run: <reason>), in the spirit of fstests' _require_* helpers.
 * Leaves out: installing anything (install-deps.sh does that); the one change it makes is
 * mounting tracefs when events/ is missing, as real-kernel.md asks, plus a probe instance
 * that it removes again.
 * Checked by: KernelDoctorTest (fake tracefs and fake commands), RealKernelTest (the host).
 */
package fputsim.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class KernelDoctor {
    /** Events the capture enables; missing ones make tracing and the doctor fail. */
    public static final List<String> EVENTS = List.of(
            "syscalls/sys_enter_umount", "syscalls/sys_exit_umount",
            "io_uring/io_uring_complete", "workqueue/workqueue_queue_work",
            "workqueue/workqueue_execute_start", "sched/sched_process_exit",
            "signal/signal_generate", "syscalls/sys_exit_wait4");

    private final Path tracefs;
    private final Path ioUringDisabled;
    private final Cmd.Runner runner;
    private final boolean root;

    public KernelDoctor(Path tracefs, Path ioUringDisabled, Cmd.Runner runner, boolean root) {
        this.tracefs = tracefs;
        this.ioUringDisabled = ioUringDisabled;
        this.runner = runner;
        this.root = root;
    }

    /** The host as it is. */
    public static DoctorReport run() throws InterruptedException {
        return host().check();
    }

    public static KernelDoctor host() {
        return new KernelDoctor(TraceCapture.TRACEFS, Path.of("/proc/sys/kernel/io_uring_disabled"),
                Cmd.HOST, isRoot());
    }

    /** Effective uid 0, read from /proc/self/status (no JNI needed). */
    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public DoctorReport check() throws InterruptedException {
        List<Check> out = new ArrayList<>();
        out.add(root ? Check.ok("root") : Check.notRun("root", "needs root (loop devices, mount, tracefs)"));
        out.add(command("losetup", "losetup -f found no free loop device", "losetup", "-f"));
        out.add(ioUring());
        Check tf = tracefs();
        out.add(tf);
        out.add(tf.ok() ? events() : Check.notRun("trace-events", "tracefs unusable"));
        out.add(command("fio-io_uring", "fio --enghelp=io_uring failed (fio missing or built without io_uring)",
                "fio", "--enghelp=io_uring"));
        out.add(command("mkfs.ext4", "mkfs.ext4 missing (e2fsprogs)", "mkfs.ext4", "-V"));
        out.add(command("gcc", "gcc missing (the native helper is built at run time)", "gcc", "--version"));
        return new DoctorReport(out);
    }

    private Check command(String name, String reason, String... argv) throws InterruptedException {
        return runner.run(List.of(argv)).ok() ? Check.ok(name) : Check.notRun(name, reason);
    }

    private Check ioUring() {
        if (!Files.exists(ioUringDisabled))
            return Check.ok("io_uring"); // missing file: the kernel predates the knob, io_uring is on
        try {
            String v = Files.readString(ioUringDisabled).strip();
            return "0".equals(v) ? Check.ok("io_uring")
                    : Check.notRun("io_uring", "kernel.io_uring_disabled=" + v);
        } catch (IOException e) {
            return Check.notRun("io_uring", "cannot read " + ioUringDisabled + ": " + e.getMessage());
        }
    }

    private Check tracefs() throws InterruptedException {
        if (!Files.isDirectory(tracefs.resolve("events"))) {
            // Not mounted yet on a fresh boot; mounting tracefs changes nothing else.
            runner.run(List.of("mount", "-t", "tracefs", "nodev", tracefs.toString()));
            if (!Files.isDirectory(tracefs.resolve("events")))
                return Check.notRun("tracefs", tracefs + "/events missing and mount -t tracefs failed");
        }
        Path probe = tracefs.resolve("instances").resolve("fputsim-doctor-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(probe);
            Files.delete(probe);
            return Check.ok("tracefs");
        } catch (IOException e) {
            return Check.notRun("tracefs", "cannot create a private instance under " + tracefs
                    + "/instances: " + e.getMessage());
        }
    }

    private Check events() {
        List<String> missing = EVENTS.stream()
                .filter(e -> !Files.isDirectory(tracefs.resolve("events").resolve(e))).toList();
        return missing.isEmpty() ? Check.ok("trace-events")
                : Check.notRun("trace-events", "missing " + String.join(", ", missing));
    }
}
