/*
 * ResultsConformance: conformance of a traced run from its results folder alone: fio-args.txt
 * gives the engine, numjobs, iodepth and the --direct/--sqthread_poll/--registerfiles options
 * (fio's last one wins), uname-r.txt the baseline variant, the trace's io_uring_create events the
 * ring flags, trace.txt the iterations.
 * Leaves out: runs without trace.txt (nothing to compare).
 * Checked by: ResultsConformanceTest.
 */
package fputsim.kernel.conform;

import fputsim.kernel.FtraceParser;
import fputsim.model.ModelFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class ResultsConformance {
    /** The model a run's folder names, and the verdict for each of its iterations. */
    public record Run(ModelFactory model, List<TraceConformance.Iteration> iterations) {
    }

    private ResultsConformance() {
    }

    /**
     * @param maxJobs cap on the model's jobs (the skeleton does not count threads; 0: the run's own)
     * @param maxSchedules the guided search's bound per iteration
     * @throws IllegalArgumentException with a one-line reason when the folder cannot be used
     */
    public static Run check(Path dir, int maxJobs, long maxSchedules) {
        String args = read(dir, "fio-args.txt");
        String trace = read(dir, "trace.txt");
        String kernel = read(dir, "uname-r.txt").strip();
        List<String> argv = List.of(args.strip().split("\\s+"));
        String engine = value(argv, "--ioengine=", "io_uring");
        int jobs = Integer.parseInt(value(argv, "--numjobs=", "1"));
        int depth = Integer.parseInt(value(argv, "--iodepth=", "1"));
        String flags = KernelSkeleton.ringFlags(FtraceParser.parse(trace));
        int j = maxJobs > 0 ? Math.min(jobs, maxJobs) : jobs;
        ModelFactory m = ModelFor.factory(engine, ModelFor.config(engine, j, depth, argv, flags), kernel);
        return new Run(m, TraceConformance.check(trace, m, maxSchedules));
    }

    private static String value(List<String> argv, String key, String dflt) {
        String v = dflt;
        for (String a : argv) {
            if (a.startsWith(key)) {
                v = a.substring(key.length());
            }
        }
        return v;
    }

    private static String read(Path dir, String name) {
        Path p = dir.resolve(name);
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + (name.equals("trace.txt") ? " (was the run traced? use kernel run --trace)" : "")
                    + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()));
        }
    }

    /** Every iteration line, then the report of each one that does not conform. */
    public static String render(Run r) {
        StringBuilder sb = new StringBuilder("model " + r.model().id() + "\n");
        List<String> reports = new ArrayList<>();
        for (TraceConformance.Iteration it : r.iterations()) {
            sb.append(it.line()).append('\n');
            it.result().filter(x -> !x.conforms()).ifPresent(x -> reports.add(it.line() + "\n" + x.report()));
        }
        for (String s : reports) {
            sb.append('\n').append(s);
        }
        return sb.toString();
    }
}
