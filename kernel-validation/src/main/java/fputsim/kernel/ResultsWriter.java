/*
 * ResultsWriter: the one writer of a reproducer run's records, shared by the host run
 * (ReproducerRun) and the qemu run (QemuRun): ktap.txt, iterations.json and summary.json in the
 * results folder, the --json document (RunJson) and the --junit file (JunitXml), the partial
 * record written after every iteration, the skipped rest of a run that stopped, and the KTAP
 * tail the supervisor prints when the JVM dies. Both runs hand it their records; only the run's
 * label (engine, or engine-mode for the no-kill modes) and extra JUnit properties (qemu: the
 * guest's kernel version) differ.
 * Leaves out: running anything; the run-specific files (doctor.txt, fio-args.txt, traces).
 * Checks: every output file is written atomically (ResultsFolder.write), its temp file owned by
 * the run's supervisor before it exists (a SIGKILLed JVM leaves no temp file behind).
 * Checked by: ResultsWriterTest (byte-identical to the files the two runs wrote before they shared
 * this writer), RealKernelTest, QemuRunTest.
 */
package fputsim.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class ResultsWriter {
    private final ReproducerRun.Options o;
    private final ExitMode mode;
    private final ReproducerRun.Outputs x;
    private final Ktap ktap;
    private final Map<String, String> junitProps;
    private final Set<Path> ownedTemps = new HashSet<>();
    /** The iterations reported so far (the death tail's judged records). */
    private final List<IterationRecord> done = new ArrayList<>();
    private ResultsFolder rf;
    private Supervisor sup;
    /** What the summary names: the run sets them as it learns them (uname -r, fio --version, the trace's rings). */
    String kernel = "";
    String fio = "";
    String ringFlags = "";

    /** @param junitProps properties the JUnit file carries after the common ones (qemu: the version) */
    ResultsWriter(ReproducerRun.Options o, ExitMode mode, ReproducerRun.Outputs x, Ktap ktap, Map<String, String> junitProps) {
        this.o = o;
        this.mode = mode;
        this.x = x;
        this.ktap = ktap;
        this.junitProps = new LinkedHashMap<>(junitProps);
    }

    /** The run's supervisor: it owns every temp file from now on. */
    void supervisedBy(Supervisor s) {
        sup = s;
    }

    /** The results folder: from now on ktap.txt and summary.json are written there too. */
    void folder(ResultsFolder f) {
        rf = f;
        rf.onTemp(this::ownTemp);
    }

    ResultsFolder folder() {
        return rf;
    }

    /** The run's check and result names start with this: the engine, or engine-mode without the kill. */
    String label() {
        return mode.label(o.ioengine());
    }

    /** An iteration was reported. */
    void done(IterationRecord r) {
        done.add(r);
    }

    /** The summary of {@code records} with {@code results}, partial when {@code stop} is not empty. */
    RunSummary summary(List<IterationRecord> records, List<Ktap.Result> results, String stop) {
        return RunSummary.of(o, mode, records, results, kernel, fio, ringFlags, rf.dir.toString(), stop);
    }

    /** What the supervisor prints if the JVM dies now: the rest skipped, the run's check, the totals. */
    List<String> deathTail() {
        int reported = Math.min(ktap.reported(), o.iterations());
        String stop = "the run's JVM died after " + reported + " of " + o.iterations() + " iterations";
        List<Ktap.Result> rest = new ArrayList<>();
        for (int i = reported + 1; i <= o.iterations(); i++)
            rest.add(new Ktap.Result(0, Verdicts.iterationName(i), Ktap.Status.SKIP, "not run: " + stop));
        rest.add(Verdicts.runResult(label(), done.subList(0, Math.min(reported, done.size())), o.expectation(), stop));
        return ktap.tail(stop + "; its supervisor ends this document", rest);
    }

    void ownTemp(Path tmp) {
        if (sup == null || !ownedTemps.add(tmp))
            return;
        try {
            sup.own("file", tmp, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the write goes on; the run stops at its next check
        }
    }

    /** The results not reported because the run stopped, as skips with the reason, then the run's check. */
    private List<Ktap.Result> rest(List<IterationRecord> records, int inProgress, String stop, boolean snapshot) {
        List<Ktap.Result> rest = new ArrayList<>();
        int next = records.size() + 1;
        if (inProgress >= next && !snapshot) {
            rest.add(new Ktap.Result(0, Verdicts.iterationName(next), Ktap.Status.SKIP, "interrupted during this iteration: " + stop));
            next++;
        }
        for (int i = next; i <= o.iterations(); i++)
            rest.add(new Ktap.Result(0, Verdicts.iterationName(i), Ktap.Status.SKIP, "not run: " + stop));
        rest.add(Verdicts.runResult(label(), records, o.expectation(), stop));
        return rest;
    }

    /** A stopped run's KTAP: the iteration in progress and the rest skipped with {@code stop}, then the run's check. */
    void finishPartial(List<IterationRecord> records, int inProgress, String stop) {
        if (ktap.plan() == 0)
            ktap.plan(o.iterations() + 1);
        List<Ktap.Result> rest = rest(records, inProgress, stop, false);
        for (int i = 0; i < rest.size(); i++) {
            Ktap.Result r = rest.get(i);
            if (i == rest.size() - 1)
                ktap.diag(r.name() + ": " + Verdicts.counts(records, o.expectation()));
            ktap.result(r.status(), r.name(), r.reason());
        }
    }

    /**
     * After every iteration: ktap.txt, iterations.json, summary.json, --json and --junit as if the
     * run stopped now (partial, the rest skipped). A run that finishes replaces them; a run whose
     * JVM is killed leaves this honest partial record.
     */
    void snapshot(List<IterationRecord> records) {
        String stop = "did not finish: written after iteration " + records.size() + " of " + o.iterations();
        List<Ktap.Result> rest = rest(records, 0, stop, true);
        List<Ktap.Result> all = new ArrayList<>(ktap.results());
        for (Ktap.Result r : rest)
            all.add(new Ktap.Result(all.size() + 1, r.name(), r.status(), r.reason(), r.seconds()));
        rf.json("iterations.json", records);
        RunSummary s = summary(records, all, stop);
        rf.text("ktap.txt", ktap.snapshot(rest));
        rf.json("summary.json", s);
        writeSidecars(s, records, all, null);
    }

    /**
     * The run's end: stopped ({@code stop} not null) the iteration in progress and the rest skipped,
     * else the run's check; then the summary line, the KTAP document closed, and every output's
     * final state ({@code error}: what stopped it, for JUnit, or null).
     */
    RunSummary finish(List<IterationRecord> records, int inProgress, String stop, String error) {
        if (stop != null)
            finishPartial(records, inProgress, stop);
        else
            Verdicts.run(ktap, label(), records, o.expectation());
        RunSummary s = summary(records, ktap.results(), stop == null ? "" : stop);
        ktap.diag(s.line());
        ktap.close();
        writeOutputs(s, records, ktap.results(), error);
        return s;
    }

    /** Why a run stopped on an error after {@code reported} iterations. */
    String stoppedByError(int reported, String message) {
        return "stopped by an error after " + reported + " of " + o.iterations() + " iterations: " + message;
    }

    /** The final state of every output: ktap.txt and summary.json in the results folder, --json, --junit. */
    void writeOutputs(RunSummary s, List<IterationRecord> records, List<Ktap.Result> results, String error) {
        if (rf != null && ktap.plan() > 0) {
            rf.text("ktap.txt", ktap.document());
            rf.json("summary.json", s);
        }
        writeSidecars(s, records, results, error);
    }

    private void writeSidecars(RunSummary s, List<IterationRecord> records, List<Ktap.Result> results, String error) {
        if (x.json() != null)
            writeOut(x.json(), RunJson.bytes(RunJson.document(s, records, x.fputsimVersion())));
        if (o.junitXml() != null) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("partial", Boolean.toString(s.partial()));
            props.put("iterations", Integer.toString(s.iterations()));
            props.put("plannedIterations", Integer.toString(s.plannedIterations()));
            props.put("stopReason", s.stopReason());
            props.put("skipReason", s.skipReason());
            props.put("kernel", s.kernel());
            props.put("seed", Long.toString(s.seed()));
            props.put("resultsDir", s.resultsDir());
            props.putAll(junitProps);
            writeOut(o.junitXml(), JunitXml.of("fputsim.kernel." + o.ioengine(), results, props, error)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeOut(Path target, byte[] bytes) {
        Path tmp = ResultsFolder.tempFor(target);
        ownTemp(tmp);
        ResultsFolder.write(target, tmp, bytes);
    }
}
