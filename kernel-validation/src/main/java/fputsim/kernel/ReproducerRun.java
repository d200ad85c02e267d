/*
 * ReproducerRun: the seed reproducer (fio on io_uring, SIGKILL, wait, umount) on the host
 * kernel, N iterations on its own scratch ext4, with KTAP out and raw artifacts kept.
 * Leaves out: judging rates (only "some EBUSY" vs "none" is checked), older kernels (qemu),
 * and everything it did not create: it mounts, unmounts and detaches only its own image.
 * Checks: cleanup on every path (finally, interrupt, shutdown hook via Cleanups).
 * Checked by: RealKernelTest, ReproducerInterruptTest, KtapTest.
 */
package fputsim.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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

        public Options withResultsRoot(Path p) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, p, nativeDir, junitXml, expect, umountDelay);
        }

        public Options withJunitXml(Path p) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB,
                    imageSize, fioExtraArgs, trace, umountBound, workDir, resultsRoot, nativeDir, p, expect, umountDelay);
        }

        public Options withFioExtraArgs(List<String> args) {
            return new Options(ioengine, iterations, seed, minSleep, randomSleep, numjobs, iodepth, rw, dataMiB, imageSize,
                    args, trace, umountBound, workDir, resultsRoot, nativeDir, junitXml, expect);
        }

        public Expectation expectation() {
            return expect != null ? expect : Expectation.forEngine(ioengine);
        }
    }

    private final Options o;
    private final Ktap ktap;
    private ResultsFolder rf;

    private ReproducerRun(Options o, PrintStream out) {
        this.o = o;
        this.ktap = new Ktap(out);
    }

    /**
     * Runs the reproducer; KTAP goes to {@code ktapOut} (and ktap.txt). Missing requirements
     * give a one-result run skipped with the doctor's reason (exit code 77).
     * @throws KernelValidationException on bad options or a host step that failed
     * @throws InterruptedException when interrupted; everything created is removed first
     */
    public static RunSummary run(Options o, PrintStream ktapOut) throws InterruptedException {
        FioJob.validate(o);
        DoctorReport doctor = KernelDoctor.run();
        return run(o, ktapOut, doctor);
    }

    static RunSummary run(Options o, PrintStream ktapOut, DoctorReport doctor) throws InterruptedException {
        FioJob.validate(o);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(ktapOut, copy), true, StandardCharsets.UTF_8);
        ReproducerRun r = new ReproducerRun(o, tee);
        String kernel = Cmd.run(Duration.ofSeconds(5), "uname", "-r").out().strip();
        if (!doctor.allOk()) {
            r.ktap.plan(1);
            r.ktap.result(Ktap.Status.SKIP, o.ioengine() + "-umount-after-reap", doctor.skipReason());
            r.ktap.close();
            return RunSummary.skipped(o, doctor.skipReason(), kernel);
        }
        ResultsFolder rf = ResultsFolder.create(o.resultsRoot(), o.ioengine());
        rf.text("doctor.txt", doctor.lines());
        r.rf = rf;
        try {
            return r.execute(rf, kernel);
        } finally {
            rf.text("ktap.txt", copy.toString(StandardCharsets.UTF_8));
        }
    }

    private RunSummary execute(ResultsFolder rf, String kernel) throws InterruptedException {
        Path helper = NativeHelper.build(o.nativeDir());
        String fio = Cmd.run(Duration.ofSeconds(10), "fio", "--version").out().strip();
        rf.text("uname-r.txt", kernel);
        rf.text("fio-version.txt", fio);
        ktap.plan(o.iterations() + 1);
        ktap.diag("fputsim real-kernel reproducer: kernel " + kernel + ", " + fio + ", ioengine=" + o.ioengine()
                + ", iterations=" + o.iterations() + ", seed=" + o.seed() + ", kill sleep " + o.minSleep().toMillis()
                + " ms + [0, " + o.randomSleep().toMillis() + "] ms, umount bound " + o.umountBound().toMillis()
                + " ms, expect " + o.expectation() + (o.trace() ? ", traced" : "")
                + (o.umountDelay().isZero() ? "" : ", umount delay " + o.umountDelay().toNanos() / 1000 + " us"));
        List<IterationRecord> records = new ArrayList<>();
        String ringFlags = "";
        Scratch scratch = null;
        TraceCapture trace = null;
        try {
            scratch = Scratch.create(o.workDir(), FioJob.bytes(o.imageSize()), o.dataMiB());
            List<String> fioArgs = FioJob.args(o, scratch.dataFile);
            rf.text("fio-args.txt", String.join(" ", fioArgs));
            if (o.trace()) {
                trace = TraceCapture.start(TraceCapture.TRACEFS);
                if (!Cleanups.register(trace))
                    throw new KernelValidationException("run was cancelled");
            }
            SplittableRandom rnd = new SplittableRandom(o.seed());
            for (int i = 1; i <= o.iterations(); i++) {
                if (Thread.interrupted())
                    throw new InterruptedException("interrupted before iteration " + i);
                long sleepUs = o.minSleep().toNanos() / 1000 + rnd.nextLong(o.randomSleep().toNanos() / 1000 + 1);
                IterationRecord rec = iteration(helper, scratch, trace, fioArgs, i, sleepUs);
                records.add(rec);
                Verdicts.iteration(ktap, rec, o.expectation());
            }
            if (trace != null)
                ringFlags = saveTrace(rf, trace);
        } finally {
            rf.json("iterations.json", records);
            if (trace != null)
                closeQuietly(trace);
            if (scratch != null)
                closeQuietly(scratch);
        }
        Verdicts.run(ktap, o.ioengine(), records, o.expectation());
        RunSummary s = RunSummary.of(o, records, ktap, kernel, fio, ringFlags, rf.dir.toString());
        ktap.diag(s.line());
        ktap.close();
        rf.json("summary.json", s);
        if (o.junitXml() != null)
            writeJunit(o.junitXml());
        return s;
    }

    private IterationRecord iteration(Path helper, Scratch scratch, TraceCapture trace, List<String> fioArgs,
            int i, long sleepUs) throws InterruptedException {
        Cmd.Result m = scratch.tryMount();
        if (!m.ok())
            return IterationRecord.mountFailed(i, sleepUs, m.firstLine());
        List<String> argv = new ArrayList<>(List.of(helper.toString(), "--mnt", scratch.mnt.toString(),
                "--sleep-us", Long.toString(sleepUs), "--bound-us", Long.toString(o.umountBound().toNanos() / 1000),
                "--iter", Integer.toString(i), "--fio-log", scratch.fioLog().toString()));
        if (!o.umountDelay().isZero())
            argv.addAll(List.of("--delay-us", Long.toString(o.umountDelay().toNanos() / 1000)));
        if (trace != null)
            argv.addAll(List.of("--marker", trace.markerPath().toString()));
        argv.add("--");
        argv.addAll(fioArgs);
        // The helper is killed by Cmd on interrupt, or by the shutdown hook (registered below)
        // before the mount is touched; fio dies with it (PR_SET_PDEATHSIG). Unmounting first
        // would let a starting fio create its file in the bare mount point directory.
        AutoCloseable[] kill = new AutoCloseable[1];
        Cmd.Result r = Cmd.run(o.umountBound().plus(o.minSleep()).plus(o.randomSleep()).plusSeconds(30), argv,
                p -> {
                    kill[0] = () -> p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    if (!Cleanups.register(kill[0])) {
                        p.destroyForcibly();
                        throw new KernelValidationException("run was cancelled");
                    }
                },
                p -> Cleanups.unregister(kill[0]));
        String line = r.out().lines().filter(l -> l.startsWith("iter=")).findFirst().orElse(r.firstLine());
        IterationRecord rec = IterationRecord.parse(line);
        if (rec.fioEarlyExit())
            keepFioLog(scratch, i);
        if (scratch.isMounted() && !scratch.unmount(Duration.ofSeconds(10)))
            throw new KernelValidationException("iteration " + i + ": " + scratch.mnt + " still busy after 10 s");
        return rec;
    }

    private void keepFioLog(Scratch scratch, int i) {
        try {
            rf.text("fio-early-exit-" + i + ".log", Files.readString(scratch.fioLog()));
        } catch (IOException e) {
            rf.text("fio-early-exit-" + i + ".log", "(no fio log: " + e.getMessage() + ")");
        }
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

    private void writeJunit(Path file) {
        try {
            Files.writeString(file, JunitXml.of("fputsim.kernel." + o.ioengine(), ktap.results()));
        } catch (IOException e) {
            throw new KernelValidationException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            Cleanups.close(c);
        } catch (Exception e) {
            System.err.println("fputsim: cleanup failed: " + e.getMessage());
        }
    }
}
