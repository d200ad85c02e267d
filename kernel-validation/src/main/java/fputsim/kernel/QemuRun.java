/*
 * QemuRun: the seed reproducer on another kernel release (Debian's 6.1 from its packages) booted
 * under QEMU with TCG (KVM does not work on these hosts), with the same results folder as a host
 * run (ReproducerRun): doctor.txt, uname-r.txt, fio-version.txt, fio-args.txt, iterations.json,
 * summary.json, ktap.txt, for traced runs trace.txt, trace-notes.txt and trace.json, and --json /
 * --junit on request; `kernel conform` then reads it against the release's baseline variant.
 * Does: builds an initramfs (busybox, fio and its libraries, the native helper built static, the
 *   modules virtio_pci, virtio_blk, crc32c_generic and ext4 with their dependencies, and the guest
 *   init fputsim-qemu-init.sh) in a scratch dir fputsim-<pid>-qemu-<n>, makes the scratch ext4
 *   image (virtio disk vda) and an output disk (vdb), boots qemu, and reads the guest's console
 *   while it runs: one helper line per iteration (KTAP result and snapshot as on the host). At the
 *   end the guest writes its trace as a tar archive to vdb, which is unpacked into the results.
 *   The kill sleeps come from the seed exactly as on the host (ReproducerRun.Options.killSleepsUs).
 * Cleanup: qemu and every host command are children of the run's Supervisor, and the scratch dir
 *   is announced to it before it exists, so an interrupt, the shutdown hook or SIGKILL of the JVM
 *   kills qemu by its PID and removes the dir (the supervisor's teardown). The guest's mount and
 *   tracefs instance die with the guest: nothing on the host is mounted or traced.
 * Exit modes: the kill (the seed reproducer), fio-completes (fio time-based, the reaper's --no-kill)
 *   and close-ring (fputsim-close-ring built static into the initramfs as /fputsim/fputsim-close-ring),
 *   passed to the guest as params (NO_KILL, EXIT_BOUND_US, CLOSE_RING) and the workload argv
 *   (/fputsim/fio-args); the results folder gets exit-mode.txt and workload-args.txt as a host run's.
 * Leaves out: KVM, a partial trace of a killed run (the trace lives in the guest until its end),
 *   host requirements of the host run (root, loop devices, host tracefs: none is used).
 * Checked by: QemuRunTest (requirements, plan, a real boot when qemu and the image are present),
 *   cli QemuRunCliTest.
 */
package fputsim.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

public final class QemuRun {
    static final String INIT = "fputsim-qemu-init.sh";
    static final String INITRAMFS = "fputsim-qemu-initramfs.sh";
    /** In load order after modules.dep's closure: the disks, then ext4 (crc32c is requested by name, not a dependency). */
    static final List<String> MODULES = List.of("virtio_pci", "virtio_blk", "crc32c_generic", "ext4");
    /** Kill sleeps under TCG: fio needs >1 s to start 12 jobs there (shared/reference/real-kernel.md). */
    public static final Duration MIN_SLEEP = Duration.ofMillis(2000);
    public static final Duration RANDOM_SLEEP = Duration.ofMillis(1000);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration STEP = Duration.ofSeconds(120);

    /** Where the boot files are looked for (tests point these elsewhere). */
    public record Host(Path boot, Path modules) {
        public static Host debian() {
            return new Host(Path.of("/boot"), Path.of("/lib/modules"));
        }
    }

    private final ReproducerRun.Options o;
    private final ExitMode mode;
    private final ReproducerRun.Outputs x;
    private final Ktap ktap;
    private final String version;
    /** The run's records, written as the host run writes them (the JUnit file adds the qemu version). */
    private final ResultsWriter w;
    private ResultsFolder rf;
    private Supervisor sup;

    private QemuRun(ReproducerRun.Options o, ExitMode mode, PrintStream out, ReproducerRun.Outputs x, String version) {
        this.o = o;
        this.mode = mode;
        this.x = x;
        this.version = version;
        this.ktap = new Ktap(out, x.subtest());
        this.w = new ResultsWriter(o, mode, x, ktap, Map.of("qemu", version));
    }

    /** The kernel release of /boot/vmlinuz-RELEASE whose modules are present, newest first, for "6.1" (6.1.x or 6.1.0-N-...). */
    static Optional<String> release(Host h, String version) {
        if (!Files.isDirectory(h.boot()))
            return Optional.empty();
        try (Stream<Path> s = Files.list(h.boot())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length()))
                    .filter(r -> r.startsWith(version + ".") || r.startsWith(version + "-"))
                    .filter(r -> Files.isRegularFile(h.modules().resolve(r).resolve("modules.dep")))
                    .max(Comparator.comparing(QemuRun::versionKey));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "6.1.0-57-amd64" -> sortable "00006.00001.00000-00057": numbers compared as numbers. */
    private static String versionKey(String release) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(release);
        StringBuilder b = new StringBuilder();
        while (m.find())
            b.append(String.format("%08d.", Long.parseLong(m.group())));
        return b.toString();
    }

    /** Every requirement of a qemu run, one Check each; the first missing one is the skip reason. */
    public static DoctorReport doctor(Host h, String version) throws InterruptedException {
        List<Check> cs = new ArrayList<>();
        cs.add(tool("qemu", "qemu-system-x86_64", "--version"));
        Optional<String> rel = release(h, version);
        cs.add(rel.isPresent() ? Check.ok("kernel-" + version)
                : Check.notRun("kernel-" + version, "no " + h.boot() + "/vmlinuz-" + version + "* with "
                        + h.modules() + "/<release>/modules.dep (Debian: apt-get install linux-image-amd64 on bookworm)"));
        cs.add(tool("busybox", "busybox", "true"));
        cs.add(tool("cpio", "cpio", "--version"));
        cs.add(tool("fio", "fio", "--version"));
        cs.add(tool("gcc", "gcc", "--version"));
        cs.add(tool("mkfs.ext4", "mkfs.ext4", "-V"));
        cs.add(tool("tar", "tar", "--version"));
        return new DoctorReport(cs);
    }

    private static Check tool(String name, String cmd, String arg) throws InterruptedException {
        try {
            Cmd.Result r = Cmd.run(Duration.ofSeconds(20), cmd, arg);
            return r.ok() ? Check.ok(name) : Check.notRun(name, cmd + " " + arg + " failed");
        } catch (KernelValidationException e) {
            return Check.notRun(name, cmd + " missing");
        }
    }

    /** The guest's tracefs events: TraceCapture.EVENTS, "event<TAB>filter" per line. */
    static String events() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : TraceCapture.EVENTS.entrySet())
            b.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        return b.toString();
    }

    /** Runs the reproducer in a qemu guest booted with Debian's {@code version} kernel (e.g. "6.1"). */
    public static RunSummary run(ReproducerRun.Options o, PrintStream ktapOut, ReproducerRun.Outputs x, String version)
            throws InterruptedException {
        return run(o, ExitMode.kill(), ktapOut, x, version, Host.debian());
    }

    /** As {@link #run(ReproducerRun.Options, PrintStream, ReproducerRun.Outputs, String)}, the workload ending as {@code mode} says. */
    public static RunSummary run(ReproducerRun.Options o, ExitMode mode, PrintStream ktapOut, ReproducerRun.Outputs x,
            String version) throws InterruptedException {
        return run(o, mode, ktapOut, x, version, Host.debian());
    }

    public static RunSummary run(ReproducerRun.Options o, PrintStream ktapOut, ReproducerRun.Outputs x, String version,
            Host h) throws InterruptedException {
        return run(o, ExitMode.kill(), ktapOut, x, version, h);
    }

    public static RunSummary run(ReproducerRun.Options o, ExitMode mode, PrintStream ktapOut, ReproducerRun.Outputs x,
            String version, Host h) throws InterruptedException {
        FioJob.validate(o);
        ReproducerRun.validate(o, mode);
        ReproducerRun.checkOutputs(o, x);
        if (!version.matches("\\d+\\.\\d+"))
            throw new KernelValidationException("--qemu " + version + ": give a kernel version like 6.1");
        DoctorReport doctor = doctor(h, version);
        QemuRun r = new QemuRun(o, mode, ktapOut, x, version);
        if (!doctor.allOk()) {
            r.ktap.plan(1);
            r.ktap.result(Ktap.Status.SKIP, r.w.label() + "-umount-after-reap", doctor.skipReason());
            r.ktap.close();
            RunSummary s = RunSummary.skipped(o, doctor.skipReason(), "");
            r.w.writeOutputs(s, List.of(), r.ktap.results(), null);
            return s;
        }
        String release = release(h, version).orElseThrow();
        List<String> reclaimed = Supervisor.reclaim(o.nativeDir(), ReproducerRun.stateDir());
        r.sup = Supervisor.start(o.nativeDir(), ReproducerRun.stateDir());
        r.w.supervisedBy(r.sup);
        if (x.subtest() == null && x.processStdout() && r.sup.printsStdout()
                && o.iterations() <= ReproducerRun.RELAY_MAX_ITERATIONS) {
            ktapOut.flush();
            r.ktap.relayTo(line -> {
                try {
                    r.sup.emit(List.of(line), r.w.deathTail());
                } catch (RuntimeException e) {
                    r.ktap.relayTo(null);
                    ktapOut.println(line);
                }
            });
        }
        try {
            r.rf = ResultsFolder.create(o.resultsRoot(), o.ioengine());
            r.w.folder(r.rf);
            r.rf.text("doctor.txt", doctor.lines() + "\nqemu               kernel " + release + " under TCG");
            r.w.snapshot(List.of());
            return r.execute(h, release, reclaimed);
        } catch (KernelValidationException e) {
            if (!r.ktap.closed() && r.rf != null)
                r.w.writeOutputs(r.w.summary(List.of(), List.of(), "stopped before the first iteration: " + e.getMessage()),
                        List.of(), List.of(), e.getMessage());
            throw e;
        } finally {
            r.sup.close();
        }
    }

    private RunSummary execute(Host h, String release, List<String> reclaimed) throws InterruptedException {
        List<IterationRecord> records = new ArrayList<>();
        String stop = null;
        InterruptedException interrupted = null;
        KernelValidationException error = null;
        int current = 0;
        AutoCloseable killChildren = sup::killChildren;
        ExecutorService pool = Executors.newSingleThreadExecutor(rn -> {
            Thread t = new Thread(rn, "fputsim-qemu");
            t.setDaemon(true);
            return t;
        });
        Path dir = null;
        try {
            if (!Cleanups.register(killChildren))
                throw new KernelValidationException("run was cancelled");
            dir = scratchDir();
            Path stage = dir.resolve("stage");
            Files.createDirectories(stage.resolve("fputsim"));
            List<String> fioArgs = workload(o, mode, Path.of("/mnt/foo"));
            rf.text(mode.kind() == ExitMode.Kind.CLOSE_RING ? "workload-args.txt" : "fio-args.txt", String.join(" ", fioArgs));
            rf.text("exit-mode.txt", mode.kind().label + "\n" + mode.describe());
            rf.text("uname-r.txt", release); // the guest's uname -r replaces it (the same string)
            ktap.plan(o.iterations() + 1);
            ktap.diag("fputsim real-kernel reproducer under qemu (TCG): kernel " + release + ", ioengine=" + o.ioengine()
                    + ", iterations=" + o.iterations() + ", seed=" + o.seed() + ", "
                    + (mode.kills() ? o.killSleepText() : "exit mode " + mode.kind().label + " (" + mode.describe() + ")")
                    + ", umount bound " + o.umountBound().toMillis()
                    + " ms, expect " + o.expectation() + (o.trace() ? ", traced" : "")
                    + (o.umountDelay().isZero() ? "" : ", umount delay " + o.umountDelay().toNanos() / 1000 + " us"));
            for (String l : reclaimed)
                ktap.diag("leftovers of a dead run: " + l);
            w.snapshot(records);
            stageGuest(stage, fioArgs);
            Path cpio = dir.resolve("initramfs.cpio");
            Path script = dir.resolve(INITRAMFS);
            Files.write(script, NativeHelper.source(INITRAMFS));
            List<String> argv = new ArrayList<>(List.of("sh", script.toString(), stage.toString(),
                    h.modules().resolve(release).toString(), cpio.toString()));
            argv.addAll(MODULES);
            must(argv, "building the initramfs");
            Path scratch = dir.resolve("scratch.img");
            Path outDisk = dir.resolve("out.img");
            sparse(scratch, FioJob.bytes(o.imageSize()));
            sparse(outDisk, 256L << 20);
            must(List.of("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", scratch.toString()),
                    "mkfs.ext4 of the scratch image");
            Path console = dir.resolve("console.log");
            Files.createFile(console);
            List<String> qemu = List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-smp", "2", "-m", "1024",
                    "-nodefaults", "-display", "none", "-no-reboot", "-monitor", "none",
                    "-kernel", h.boot().resolve("vmlinuz-" + release).toString(), "-initrd", cpio.toString(),
                    "-append", "console=ttyS0 quiet loglevel=1 panic=-1 rdinit=/init",
                    "-drive", "file=" + scratch + ",format=raw,if=virtio",
                    "-drive", "file=" + outDisk + ",format=raw,if=virtio",
                    "-serial", "file:" + console);
            long perIter = (mode.kills() ? o.maxKillSleep() : mode.exitBound()).plus(o.umountBound()).plusSeconds(30).toSeconds();
            Duration bound = Duration.ofSeconds(300 + perIter * o.iterations());
            Future<Cmd.Result> vm = pool.submit(() -> sup.run(bound, qemu));
            Console c = new Console(console);
            boolean finished = false;
            while (!finished) {
                boolean exited = vm.isDone();
                for (String line : c.newLines()) {
                    IterationRecord rec = onLine(line, c);
                    if (rec != null) {
                        current = records.size() + 2;
                        records.add(rec);
                        w.done(rec);
                        Verdicts.iteration(ktap, rec, o.expectation(), c.seconds());
                        if (records.size() < o.iterations())
                            w.snapshot(records);
                    }
                    if (line.startsWith("FPUTSIM-READY")) { // booted, /mnt/foo written: iteration 1's time starts
                        current = 1;
                        c.seconds();
                    }
                    if (line.startsWith("FPUTSIM-DONE"))
                        finished = true;
                }
                if (c.failure != null)
                    throw new KernelValidationException("the guest stopped: " + c.failure);
                if (!finished && exited) {
                    Cmd.Result res = result(vm);
                    throw new KernelValidationException("qemu exited (status " + res.exit() + ") after " + records.size()
                            + " of " + o.iterations() + " iterations: " + (res.out().isBlank() ? c.lastLine() : res.firstLine()));
                }
                if (!finished)
                    Thread.sleep(200);
            }
            Cmd.Result res = result(vm);
            if (res.exit() != 0)
                throw new KernelValidationException("qemu exited with status " + res.exit() + ": " + res.firstLine());
            if (records.size() != o.iterations())
                throw new KernelValidationException("the guest reported " + records.size() + " of " + o.iterations() + " iterations");
            Path out = dir.resolve("out");
            Files.createDirectory(out);
            must(List.of("tar", "-xf", outDisk.toString(), "-C", out.toString()), "unpacking the guest's output disk");
            w.kernel = read(out.resolve("uname-r.txt"), w.kernel);
            w.fio = read(out.resolve("fio-version.txt"), w.fio);
            if (o.trace())
                saveTrace(out);
        } catch (InterruptedException e) {
            interrupted = e;
            stop = Interruption.describe(records.size(), o.iterations());
        } catch (KernelValidationException e) {
            error = e;
            stop = w.stoppedByError(records.size(), e.getMessage());
        } catch (IOException e) {
            error = new KernelValidationException("qemu run: " + e.getMessage());
            stop = w.stoppedByError(records.size(), e.getMessage());
        } finally {
            pool.shutdownNow(); // interrupts sup.run: the supervisor kills qemu by its PID and reaps it
            awaitQuietly(pool);
            Cleanups.unregister(killChildren);
            if (!w.kernel.isEmpty())
                rf.text("uname-r.txt", w.kernel);
            if (!w.fio.isEmpty())
                rf.text("fio-version.txt", w.fio);
            rf.json("iterations.json", records);
            if (dir != null)
                removeTree(dir);
        }
        RunSummary s = w.finish(records, current, stop, error == null ? null : error.getMessage());
        if (interrupted != null)
            throw interrupted;
        if (error != null)
            throw error;
        return s;
    }

    /** The scratch dir, announced to the supervisor before it exists (SIGKILL of the JVM: it removes it). */
    private Path scratchDir() throws InterruptedException {
        Path dir;
        try {
            Files.createDirectories(o.workDir());
            dir = o.workDir().toRealPath().resolve("fputsim-" + ProcessHandle.current().pid() + "-qemu-" + SEQ.incrementAndGet());
        } catch (IOException e) {
            throw new KernelValidationException("cannot create " + o.workDir() + ": " + e.getMessage());
        }
        if (dir.toString().matches(".*[\\s,].*"))
            throw new KernelValidationException("the work directory must not contain white space or commas (qemu's -drive): " + dir);
        sup.own("dir", dir, null);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new KernelValidationException("cannot create " + dir + ": " + e.getMessage());
        }
        return dir;
    }

    /** init, the static helper, params, plan, fio-args and events in the initramfs's staging dir. */
    private void stageGuest(Path stage, List<String> fioArgs) throws IOException, InterruptedException {
        Files.write(stage.resolve("init"), NativeHelper.source(INIT));
        Path src = stage.getParent().resolve(NativeHelper.SOURCE);
        Files.write(src, NativeHelper.source());
        Path helper = stage.resolve("fputsim/fputsim-reaper");
        Cmd.Result r = sup.run(STEP, List.of("gcc", "-O2", "-Wall", "-static", "-o", helper.toString(), src.toString()));
        if (!r.ok()) // no static libc: the initramfs script copies the helper's libraries instead
            must(List.of("gcc", "-O2", "-Wall", "-o", helper.toString(), src.toString()), "gcc (the helper)");
        if (mode.kind() == ExitMode.Kind.CLOSE_RING) { // static only: the initramfs script copies the reaper's libraries, not its
            Path crSrc = stage.getParent().resolve(NativeHelper.CLOSE_RING);
            Files.write(crSrc, NativeHelper.source(NativeHelper.CLOSE_RING));
            must(List.of("gcc", "-O2", "-Wall", "-static", "-o", stage.resolve(CLOSE_RING_BIN.substring(1)).toString(),
                    crSrc.toString()), "gcc -static (fputsim-close-ring)");
        }
        Path f = stage.resolve("fputsim");
        Files.writeString(f.resolve("params"), params(o, mode, ProcessHandle.current().pid()));
        StringBuilder p = new StringBuilder();
        for (long us : o.killSleepsUs())
            p.append(us).append('\n');
        Files.writeString(f.resolve("plan"), p.toString());
        Files.writeString(f.resolve("fio-args"), String.join("\n", fioArgs) + "\n");
        Files.writeString(f.resolve("events"), events());
    }

    /** fputsim-close-ring's path in the guest. */
    static final String CLOSE_RING_BIN = "/fputsim/fputsim-close-ring";

    /**
     * The guest's workload argv (/fputsim/fio-args, one word a line): fio with, for fio-completes,
     * --time_based and --runtime before the user's fio arguments (fio's last value wins), as a host
     * run; or fputsim-close-ring with its arguments.
     */
    static List<String> workload(ReproducerRun.Options o, ExitMode mode, Path file) {
        if (mode.kind() == ExitMode.Kind.CLOSE_RING) {
            List<String> a = new ArrayList<>(List.of(CLOSE_RING_BIN));
            a.addAll(mode.closeRingArgs(file));
            return a;
        }
        List<String> a = FioJob.args(o, file);
        a.addAll(a.size() - o.fioExtraArgs().size(), mode.fioArgs());
        return a;
    }

    /** The guest init's /fputsim/params (shell assignments): trace, bounds and how the workload ends. */
    static String params(ReproducerRun.Options o, ExitMode mode, long pid) {
        return "TRACE=" + (o.trace() ? 1 : 0) + "\nINSTANCE=fputsim-qemu-" + pid + "\nDATA_MIB=" + o.dataMiB()
                + "\nBOUND_US=" + o.umountBound().toNanos() / 1000 + "\nDELAY_US=" + o.umountDelay().toNanos() / 1000
                + "\nNO_KILL=" + (mode.kills() ? 0 : 1) + "\nEXIT_BOUND_US=" + mode.exitBound().toNanos() / 1000
                + "\nCLOSE_RING=" + (mode.kind() == ExitMode.Kind.CLOSE_RING ? 1 : 0) + "\n";
    }

    /** One console line: an iteration's record, or null (the other lines update the run's state). */
    private IterationRecord onLine(String line, Console c) {
        if (line.startsWith("FPUTSIM-UNAME "))
            w.kernel = line.substring("FPUTSIM-UNAME ".length()).strip();
        else if (line.startsWith("FPUTSIM-FIO "))
            w.fio = line.substring("FPUTSIM-FIO ".length()).strip();
        else if (line.startsWith("FPUTSIM-FAIL "))
            c.failure = line.substring("FPUTSIM-FAIL ".length()).strip();
        else if (line.startsWith("FPUTSIM-FIOLOG ")) {
            String[] f = line.split(" ", 3);
            rf.text("fio-early-exit-" + f[1] + ".log", f.length > 2 ? f[2] : "(empty)");
            c.fioLogs.put(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "");
        } else if (line.startsWith("FPUTSIM-WLOG ")) { // no-kill modes: the workload's log, every iteration
            String[] f = line.split(" ", 3);
            c.workloadLogs.put(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "");
        } else if (line.startsWith("FPUTSIM-MOUNTFAIL ")) {
            String[] f = line.split(" ", 4);
            return IterationRecord.mountFailed(Integer.parseInt(f[1]), Long.parseLong(f[2]), f.length > 3 ? f[3] : "");
        } else if (line.startsWith("FPUTSIM-ITER ")) {
            IterationRecord rec = IterationRecord.parse(line.substring("FPUTSIM-ITER ".length()));
            String log = c.fioLogs.get(rec.iteration());
            if (!mode.kills())
                return noKill(rec, c.workloadLogs.getOrDefault(rec.iteration(), ""));
            return rec.fioFailed() && log != null ? rec.withFioError(ReproducerRun.firstError(log)) : rec;
        }
        return null;
    }

    /** A no-kill iteration's record, as a host run's: its mode, the failure's reason, close-ring's reads in flight. */
    private IterationRecord noKill(IterationRecord parsed, String log) {
        IterationRecord rec = parsed.withExitMode(mode.kind().label);
        if (rec.exitFailed()) {
            rf.text("workload-failed-" + rec.iteration() + ".log", log.replace('|', '\n'));
            return rec.withFioError(rec.timedOut() ? "still running after " + mode.exitBound().toMillis() + " ms"
                    : ReproducerRun.firstError(log.replace('|', '\n')));
        }
        return mode.kind() == ExitMode.Kind.CLOSE_RING ? rec.withInflightAtClose(ReproducerRun.inflightAtClose(log)) : rec;
    }

    /** The guest's console file, read as it grows; only complete lines are returned. */
    private static final class Console {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();
        private String last = "";
        private long lastNs = System.nanoTime();
        String failure;
        final Map<Integer, String> fioLogs = new LinkedHashMap<>();
        final Map<Integer, String> workloadLogs = new LinkedHashMap<>();

        Console(Path file) {
            this.file = file;
        }

        List<String> newLines() {
            List<String> lines = new ArrayList<>();
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long len = f.length();
                if (len > offset) {
                    byte[] b = new byte[(int) Math.min(len - offset, 1 << 20)];
                    f.seek(offset);
                    f.readFully(b);
                    offset += b.length;
                    partial.append(new String(b, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return lines;
            }
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                String l = partial.substring(0, nl).replace("\r", "");
                partial.delete(0, nl + 1);
                if (!l.isBlank())
                    last = l;
                lines.add(l);
            }
            return lines;
        }

        String lastLine() {
            return last.isEmpty() ? "(no console output)" : last;
        }

        /** Seconds since the previous call: the KTAP result's time of an iteration. */
        double seconds() {
            long now = System.nanoTime();
            double s = (now - lastNs) / 1e9;
            lastNs = now;
            return s;
        }
    }

    private void saveTrace(Path out) {
        Path t = out.resolve("trace.txt");
        if (!Files.isRegularFile(t))
            throw new KernelValidationException("the guest wrote no trace.txt");
        String text = read(t, "");
        rf.text("trace.txt", text);
        rf.text("trace-notes.txt", read(out.resolve("trace-notes.txt"), ""));
        List<TraceLine> parsed = FtraceParser.parse(text);
        rf.text("trace.json", CapturePerfetto.toJson(parsed, "fio " + o.ioengine() + " under qemu " + w.kernel + ", "
                + o.iterations() + " iterations, seed " + o.seed()));
        w.ringFlags = fputsim.kernel.conform.KernelSkeleton.ringFlags(parsed);
    }

    private void must(List<String> argv, String what) throws InterruptedException {
        Cmd.Result r = sup.run(STEP, argv);
        if (!r.ok())
            throw new KernelValidationException(what + " failed: " + r.firstLine());
    }

    private static void sparse(Path p, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    private static String read(Path p, String orElse) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).strip() : orElse;
        } catch (IOException e) {
            return orElse;
        }
    }

    private static Cmd.Result result(Future<Cmd.Result> vm) throws InterruptedException {
        try {
            return vm.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InterruptedException ie)
                throw ie;
            throw new KernelValidationException("qemu: " + c.getMessage());
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted)
                Thread.currentThread().interrupt();
        }
    }

    /** Removes the scratch dir (the supervisor does it too if the JVM dies first). */
    private static void removeTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList())
                Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("fputsim: cannot remove " + dir + ": " + e.getMessage() + " (the supervisor will)");
        }
    }
}
