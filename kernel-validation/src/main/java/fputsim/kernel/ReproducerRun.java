/*
 * ReproducerRun: the seed reproducer (fio on io_uring, SIGKILL, wait, umount) on the host
 * kernel, N iterations on its own scratch ext4, with KTAP out and raw artifacts kept.
 * Leaves out: judging rates (only "some EBUSY" vs "none" is checked), other kernels (QemuRun),
 * and everything it did not create: it mounts, unmounts and detaches only its own image.
 * Checks: cleanup on every path (finally, interrupt, shutdown hook via Cleanups).
 * Checked by: RealKernelTest, ReproducerInterruptTest, KtapTest.
 */
package fputsim.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

public final class ReproducerRun {
    /**
     * Every bound of a run, with the seed reproducer's values as defaults. {@code expect}
     * null means "derive from the engine" (io_uring: BUSY_SOMETIMES, others: BUSY_NEVER).
     */
    public record Options(String ioengine, int iterations, long seed, Duration minSleep, Duration randomSleep,
            int numjobs, int iodepth, String rw, int dataMiB, String imageSize, List<String> fioExtraArgs,
            boolean trace, Duration umountBound, Path workDir, Path resultsRoot, Path nativeDir,
            Path junitXml, Expectation expect, Duration umountDelay) {

        public Options {
            fioExtraArgs = List.copyOf(fioExtraArgs);
            if (umountDelay == null || umountDelay.isNegative())
                throw new KernelValidationException("umount delay must be zero or positive");
        }

        /** Without a delay between wait and the first umount2 (the seed reproducer). */
        public Options(String ioengine, int iterations, long seed, Duration minSleep, Duration randomSleep,
                int numjobs, int iodepth, String rw, int dataMiB, String imageSize, List<String> fioExtraArgs,
                boolean trace, Duration umountBound, Path workDir, Path resultsRoot, Path nativeDir,
                Path junitXml, Expectation expect) {
            this(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB, imageSize,
                    fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, Duration.ZERO);
        }

        /** The helper sleeps {@code d} between wait returning and the first umount2 (delay sweeps). */
        public Options withUmountDelay(Duration d) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, d);
        }

        /** fio's size and extra arguments (e.g. --direct=1, --sqthread_poll=1). */
        public Options withFio(int jobs, int depth, List<String> extra) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, jobs, depth, rw, dataMiB,
                    imageSize, extra, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        public static Options defaults(String ioengine) {
            return new Options(ioengine, 25, 1, Duration.ofMillis(300), Duration.ofMillis(500), 12, 2,
                    "randread", 256, "4G", List.of(), false, Duration.ofSeconds(5),
                    Path.of(System.getProperty("java.io.tmpdir")), Path.of("fputsim-results"),
                    NativeHelper.defaultCacheDir(), null, null);
        }

        public Options withIterations(int n) {
            return new Options(ioengine, n, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB, imageSize,
                    fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withSeed(long s) {
            return new Options(ioengine, iterations, s, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withTrace(boolean t) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, t, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        /** Where the scratch image and its mount point are made. */
        public Options withWorkDir(Path p) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, p, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withResultsRoot(Path p) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, p, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withJunitXml(Path p) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, p, expect, umountDelay);
        }

        /** The scratch filesystem's image size (e.g. 4G) and the data file's MiB. */
        public Options withScratch(String image, int dataMiBs) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiBs, image,
                    fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        /** The kill sleep: {@code min} + [0, {@code random}] (qemu runs need longer ones: QemuRun). */
        public Options withSleeps(Duration min, Duration random) {
            return new Options(ioengine, iterations, seed, min, random, numjobs, iodepth, rw, dataMiB, imageSize,
                    fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withFioExtraArgs(List<String> args) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB, imageSize,
                    args, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect, umountDelay);
        }

        /** What the run is judged by (null: from the engine). */
        public Options withExpectation(Expectation e) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB, imageSize,
                    fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, e, umountDelay);
        }

        public Expectation expectation() {
            return expect != null ? expect : Expectation.forEngine(ioengine);
        }

        /**
         * The kill sleep of every iteration, us, in order: {@code minSleep} + [0, {@code randomSleep}]
         * drawn from SplittableRandom(seed). The one rule of the host run and the qemu guest's plan:
         * the same seed gives the same sleeps on both.
         */
        public List<Long> killSleepsUs() {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Long> p = new ArrayList<>(iterations);
            for (int i = 1; i <= iterations; i++)
                p.add(minSleep.toNanos() / 1000 + rnd.nextLong(randomSleep.toNanos() / 1000 + 1));
            return p;
        }

        /** The longest kill sleep: how long a workload may run before its kill. */
        public Duration maxKillSleep() {
            return minSleep.plus(randomSleep);
        }

        /** The KTAP header's words for the kill sleeps: "kill sleep 300 ms + [0, 500] ms". */
        String killSleepText() {
            return "kill sleep " + minSleep.toMillis() + " ms + [0, " + randomSleep.toMillis() + "] ms";
        }
    }

    /**
     * Where a run writes besides its results folder: the --json document (null: none), the fputsim
     * version it names, the KTAP subtest name (null: a top-level document; kernel predict nests
     * each configuration's run as a subtest), and whether the KTAP stream is this process's stdout
     * (then, when stdout is a pipe or terminal, the run's supervisor prints the KTAP lines and ends
     * the document if the JVM is killed).
     */
    public record Outputs(Path json, String fputsimVersion, String subtest, boolean processStdout) {
        public Outputs(Path json, String fputsimVersion, String subtest) {
            this(json, fputsimVersion, subtest, false);
        }

        public static Outputs none() {
            return new Outputs(null, "", null);
        }
    }

    private final Options o;
    private final Outputs x;
    /** How each iteration's workload ends: the kill (the seed reproducer) or one of the no-kill modes. */
    private final ExitMode mode;
    private final Ktap ktap;
    /** The run's records: results folder, --json, --junit, the partial record and the death tail. */
    private final ResultsWriter w;
    private ResultsFolder rf;
    private Supervisor sup;
    /** Beyond this many iterations the tail would not fit one supervisor request: the JVM prints itself. */
    static final int RELAY_MAX_ITERATIONS = 300;

    private ReproducerRun(Options o, ExitMode mode, PrintStream out, Outputs x) {
        this.o = o;
        this.x = x;
        this.mode = mode;
        this.ktap = new Ktap(out, x.subtest());
        this.w = new ResultsWriter(o, mode, x, ktap, Map.of());
    }

    /**
     * Runs the reproducer; KTAP goes to {@code ktapOut} (and ktap.txt). Missing requirements
     * give a one-result run skipped with the doctor's reason (exit code 77).
     * @throws KernelValidationException on bad options or a host step that failed
     * @throws InterruptedException when interrupted; everything created is removed first and
     *         the partial results are written
     */
    public static RunSummary run(Options o, PrintStream ktapOut) throws InterruptedException {
        return run(o, ktapOut, Outputs.none());
    }

    public static RunSummary run(Options o, PrintStream ktapOut, Outputs x) throws InterruptedException {
        return run(o, ExitMode.kill(), ktapOut, x);
    }

    /**
     * As run(o, ktapOut, x), each iteration's workload ending as {@code mode} says (issue 16 finding 7:
     * fio runs to completion, or fputsim-close-ring closes its ring, and the reaper waits for its own
     * exit instead of killing it). The wait, umount and cleanup are those of the kill mode.
     */
    public static RunSummary run(Options o, ExitMode mode, PrintStream ktapOut, Outputs x) throws InterruptedException {
        FioJob.validate(o);
        validate(o, mode);
        checkOutputs(o, x);
        DoctorReport doctor = KernelDoctor.run();
        return run(o, mode, ktapOut, doctor, x);
    }

    /** The mode's own constraints on the options, as one-line KernelValidationExceptions. */
    public static void validate(Options o, ExitMode mode) {
        if (mode.kind() == ExitMode.Kind.CLOSE_RING && !"io_uring".equals(o.ioengine()))
            throw new KernelValidationException("exit mode close-ring runs fputsim-close-ring on io_uring: --ioengine must be io_uring");
        if (mode.kind() == ExitMode.Kind.CLOSE_RING && !o.fioExtraArgs().isEmpty())
            throw new KernelValidationException("exit mode close-ring runs no fio: fio arguments have no effect");
    }

    static RunSummary run(Options o, PrintStream ktapOut, DoctorReport doctor) throws InterruptedException {
        return run(o, ktapOut, doctor, Outputs.none());
    }

    /**
     * Every output path is checked before anything runs: the --json and --junit files (their
     * folder exists and is writable, the file itself is not a directory) and the results root.
     */
    public static void checkOutputs(Options o, Outputs x) {
        if (x.json() != null)
            checkFile(x.json(), "--json");
        if (o.junitXml() != null)
            checkFile(o.junitXml(), "--junit");
        Path root = o.resultsRoot().toAbsolutePath();
        Path p = root;
        while (p != null && !Files.exists(p))
            p = p.getParent();
        if (p == null || !Files.isDirectory(p) || !Files.isWritable(p))
            throw new KernelValidationException("cannot create the results folder " + root + " ("
                    + (p == null ? "no such path" : p + " is not a writable directory") + ")");
        if (x.json() != null && o.junitXml() != null
                && x.json().toAbsolutePath().normalize().equals(o.junitXml().toAbsolutePath().normalize()))
            throw new KernelValidationException("--json and --junit name the same file: " + x.json());
    }

    static void checkFile(Path f, String option) {
        Path abs = f.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs))
            throw new KernelValidationException(option + " " + f + " is a directory, not a file");
        if (dir == null || !Files.isDirectory(dir))
            throw new KernelValidationException(option + " " + f + ": no such directory " + dir);
        if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs)))
            throw new KernelValidationException(option + " " + f + ": not writable");
    }

    static RunSummary run(Options o, PrintStream ktapOut, DoctorReport doctor, Outputs x) throws InterruptedException {
        return run(o, ExitMode.kill(), ktapOut, doctor, x);
    }

    static RunSummary run(Options o, ExitMode mode, PrintStream ktapOut, DoctorReport doctor, Outputs x) throws InterruptedException {
        FioJob.validate(o);
        validate(o, mode);
        checkOutputs(o, x);
        ReproducerRun r = new ReproducerRun(o, mode, ktapOut, x);
        r.w.kernel = Cmd.run(Duration.ofSeconds(5), "uname", "-r").out().strip();
        if (!doctor.allOk()) {
            r.ktap.plan(1);
            r.ktap.result(Ktap.Status.SKIP, r.label() + "-umount-after-reap", doctor.skipReason());
            r.ktap.close();
            RunSummary s = RunSummary.skipped(o, mode, doctor.skipReason(), r.w.kernel);
            r.w.writeOutputs(s, List.of(), r.ktap.results(), null);
            return s;
        }
        List<String> reclaimed = Supervisor.reclaim(o.nativeDir(), stateDir());
        r.sup = Supervisor.start(o.nativeDir(), stateDir());
        r.w.supervisedBy(r.sup);
        if (x.subtest() == null && x.processStdout() && r.sup.printsStdout() && o.iterations() <= RELAY_MAX_ITERATIONS) {
            ktapOut.flush();
            r.ktap.relayTo(line -> {
                try {
                    r.sup.emit(List.of(line), r.w.deathTail());
                } catch (RuntimeException e) { // the supervisor is gone: print ourselves from here on
                    r.ktap.relayTo(null);
                    ktapOut.println(line);
                }
            });
        }
        try {
            // made only now, and its first (partial) record written at once: no empty results folder
            r.rf = ResultsFolder.create(o.resultsRoot(), o.ioengine());
            r.w.folder(r.rf);
            r.rf.text("doctor.txt", doctor.lines());
            r.w.snapshot(List.of()); // from here on the folder always holds a complete (partial) record
            return r.execute(reclaimed);
        } catch (KernelValidationException e) {
            if (!r.ktap.closed() && r.rf != null) // found before the first iteration: JUnit says why
                r.w.writeOutputs(r.w.summary(List.of(), List.of(), "stopped before the first iteration: " + e.getMessage()),
                        List.of(), List.of(), e.getMessage());
            throw e;
        } finally {
            r.sup.close();
        }
    }

    /** The state directory of run records: -Dfputsim.state.dir, $FPUTSIM_STATE_DIR, /var/lib/fputsim. */
    static Path stateDir() {
        return Supervisor.defaultStateDir();
    }

    private RunSummary execute(List<String> reclaimed) throws InterruptedException {
        List<IterationRecord> records = new ArrayList<>();
        Scratch scratch = null;
        TraceCapture trace = null;
        String stop = null;
        InterruptedException interrupted = null;
        KernelValidationException error = null;
        int current = 0;
        AutoCloseable killChildren = sup::killChildren;
        try {
            rf.text("uname-r.txt", w.kernel);
            Path helper = NativeHelper.build(o.nativeDir());
            Path closeRing = mode.kind() == ExitMode.Kind.CLOSE_RING ? NativeHelper.build(o.nativeDir(), NativeHelper.CLOSE_RING) : null;
            w.fio = Cmd.run(Duration.ofSeconds(10), "fio", "--version").out().strip();
            rf.text("fio-version.txt", w.fio);
            // before the plan: bad options give no KTAP of iterations (close-ring runs no fio)
            String fioProblem = mode.kind() == ExitMode.Kind.CLOSE_RING ? null : checkFioOptions();
            ktap.plan(o.iterations() + 1);
            ktap.diag("fputsim real-kernel reproducer: kernel " + w.kernel + ", " + w.fio + ", ioengine=" + o.ioengine()
                    + ", iterations=" + o.iterations() + ", seed=" + o.seed() + (mode.kills() ? ", " + o.killSleepText() : "") + ", umount bound " + o.umountBound().toMillis()
                    + " ms, expect " + o.expectation() + (o.trace() ? ", traced" : "")
                    + (o.umountDelay().isZero() ? "" : ", umount delay " + o.umountDelay().toNanos() / 1000 + " us")
                    + (mode.kills() ? "" : ", exit mode " + mode.kind().label + " (" + mode.describe() + ")"));
            for (String l : reclaimed)
                ktap.diag("leftovers of a dead run: " + l);
            if (fioProblem != null)
                throw new KernelValidationException(fioProblem);
            w.snapshot(records);
            scratch = Scratch.create(o.workDir(), FioJob.bytes(o.imageSize()), o.dataMiB(), sup);
            List<String> fioArgs = workloadArgs(scratch, closeRing);
            rf.text(mode.kind() == ExitMode.Kind.CLOSE_RING ? "workload-args.txt" : "fio-args.txt", String.join(" ", fioArgs));
            rf.text("exit-mode.txt", mode.kind().label + "\n" + mode.describe());
            if (o.trace()) {
                trace = TraceCapture.start(TraceCapture.TRACEFS, sup, rf.dir.resolve("trace.txt"));
                if (!Cleanups.register(trace))
                    throw new KernelValidationException("run was cancelled");
            }
            // newest first on the shutdown hook: the run's children die before the mount is touched
            if (!Cleanups.register(killChildren))
                throw new KernelValidationException("run was cancelled");
            List<Long> sleeps = o.killSleepsUs();
            for (int i = 1; i <= o.iterations(); i++) {
                if (Thread.interrupted())
                    throw new InterruptedException("interrupted before iteration " + i);
                long sleepUs = mode.kills() ? sleeps.get(i - 1) : 0;
                current = i;
                long t0 = System.nanoTime();
                IterationRecord rec = iteration(helper, scratch, trace, fioArgs, i, sleepUs);
                records.add(rec);
                w.done(rec);
                Verdicts.iteration(ktap, rec, o.expectation(), (System.nanoTime() - t0) / 1e9);
                if (i < o.iterations())
                    w.snapshot(records);
            }
        } catch (InterruptedException e) {
            interrupted = e;
            stop = Interruption.describe(records.size(), o.iterations());
        } catch (KernelValidationException e) {
            error = e;
            stop = w.stoppedByError(records.size(), e.getMessage());
        } finally {
            Cleanups.unregister(killChildren);
            rf.json("iterations.json", records);
            if (trace != null) {
                try {
                    w.ringFlags = saveTrace(rf, trace);
                } catch (RuntimeException e) {
                    System.err.println("fputsim: " + e.getMessage());
                }
                closeQuietly(trace);
            }
            if (scratch != null)
                closeQuietly(scratch);
        }
        RunSummary s = w.finish(records, current, stop, error == null ? null : error.getMessage());
        if (interrupted != null)
            throw interrupted;
        if (error != null)
            throw error;
        return s;
    }

    /** fio --parse-only with the run's options: an option fio rejects is bad input, found before anything is built. */
    private String checkFioOptions() throws InterruptedException {
        List<String> argv = new ArrayList<>(FioJob.args(o, Path.of("/nonexistent-fputsim-parse-only/foo")));
        argv.add(1, "--parse-only");
        Cmd.Result r = Cmd.run(Duration.ofSeconds(30), argv);
        return r.ok() ? null : "fio rejects the run's options: " + firstError(r.out());
    }

    /** fio's first error line: the first line that looks like one, else the first line. */
    static String firstError(String out) {
        List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.matches("(?i).*(error|fio:|invalid|unrecognized|bad|failed|cannot|no such).*"))
                .findFirst().orElse(lines.isEmpty() ? "(no output)" : lines.get(0));
    }

    /** The run's check and result names start with this: the engine, or engine-mode without the kill. */
    private String label() {
        return w.label();
    }

    /** What the reaper runs after "--": fio (kill and fio-completes) or fputsim-close-ring. */
    private List<String> workloadArgs(Scratch scratch, Path closeRing) {
        if (mode.kind() == ExitMode.Kind.CLOSE_RING) {
            List<String> a = new ArrayList<>(List.of(closeRing.toString()));
            a.addAll(mode.closeRingArgs(scratch.dataFile));
            return a;
        }
        List<String> a = FioJob.args(o, scratch.dataFile);
        // fio-completes: --time_based and --runtime before the user's own fio arguments (fio's last value wins)
        a.addAll(a.size() - o.fioExtraArgs().size(), mode.fioArgs());
        return a;
    }

    private IterationRecord iteration(Path helper, Scratch scratch, TraceCapture trace, List<String> fioArgs,
            int i, long sleepUs) throws InterruptedException {
        Cmd.Result m = scratch.tryMount();
        if (!m.ok())
            return IterationRecord.mountFailed(i, sleepUs, m.firstLine()).withExitMode(mode.kind().label);
        List<String> argv = new ArrayList<>(List.of(helper.toString(), "--mnt", scratch.mnt.toString()));
        if (mode.kills())
            argv.addAll(List.of("--sleep-us", Long.toString(sleepUs)));
        else
            argv.addAll(List.of("--no-kill", "--exit-bound-us", Long.toString(mode.exitBound().toNanos() / 1000)));
        argv.addAll(List.of("--bound-us", Long.toString(o.umountBound().toNanos() / 1000),
                "--iter", Integer.toString(i), "--fio-log", scratch.fioLog().toString()));
        if (!o.umountDelay().isZero())
            argv.addAll(List.of("--delay-us", Long.toString(o.umountDelay().toNanos() / 1000)));
        if (trace != null)
            argv.addAll(List.of("--marker", trace.markerPath().toString()));
        argv.add("--");
        argv.addAll(fioArgs);
        // The helper is the supervisor's child: killed (and reaped) on interrupt before the mount
        // is touched; fio dies with it (PR_SET_PDEATHSIG). Unmounting first would let a starting
        // fio create its file in the bare mount point directory.
        Duration workload = mode.kills() ? o.maxKillSleep() : mode.exitBound();
        Cmd.Result r = sup.run(o.umountBound().plus(workload).plusSeconds(30), argv);
        String line = r.out().lines().filter(l -> l.startsWith("iter=")).findFirst().orElse(r.firstLine());
        IterationRecord rec = IterationRecord.parse(line);
        if (!mode.kills()) {
            rec = rec.withExitMode(mode.kind().label);
            if (rec.exitFailed()) {
                String log = keepFioLog(scratch, "workload-failed-" + i + ".log");
                rec = rec.withFioError(rec.timedOut() ? "still running after " + mode.exitBound().toMillis() + " ms" : firstError(log));
            } else if (mode.kind() == ExitMode.Kind.CLOSE_RING) {
                rec = rec.withInflightAtClose(inflightAtClose(readFioLog(scratch)));
            }
        }
        if (rec.fioEarlyExit()) {
            String log = keepFioLog(scratch, "fio-early-exit-" + i + ".log");
            if (rec.fioFailed())
                rec = rec.withFioError(firstError(log));
        }
        if (scratch.isMounted() && !scratch.unmount(Duration.ofSeconds(10)))
            throw new KernelValidationException("iteration " + i + ": " + scratch.mnt + " still busy after 10 s");
        return rec;
    }

    private String keepFioLog(Scratch scratch, String name) {
        String log = readFioLog(scratch);
        rf.text(name, log);
        return log;
    }

    private static String readFioLog(Scratch scratch) {
        try {
            return Files.readString(scratch.fioLog());
        } catch (IOException e) {
            return "(no fio log: " + e.getMessage() + ")";
        }
    }

    /** fputsim-close-ring's "inflight_at_close=N" (-1 when its line is missing). */
    static int inflightAtClose(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\binflight_at_close=(-?\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private String saveTrace(ResultsFolder rf, TraceCapture trace) {
        String text = trace.stopAndRead();
        rf.text("trace.txt", text);
        rf.text("trace-notes.txt", "instance " + trace.name() + "\n" + String.join("\n", trace.notes()));
        List<TraceLine> parsed = FtraceParser.parse(text);
        // the same capture as Chrome Trace Event JSON, for ui.perfetto.dev and fputsim overlay
        rf.text("trace.json", CapturePerfetto.toJson(parsed, "fio " + o.ioengine() + ", " + o.iterations() + " iterations, seed " + o.seed()));
        // only our fio's rings: a tracefs instance also sees other runs on the host
        return fputsim.kernel.conform.KernelSkeleton.ringFlags(parsed);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            Cleanups.close(c);
        } catch (Exception e) {
            System.err.println("fputsim: cleanup failed: " + e.getMessage());
        }
    }
}
