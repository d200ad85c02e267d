/*
 * ResultsConformance: conformance of a traced run from its results folder alone: exit-mode.txt
 * (kill, fio-completes or close-ring; none: kill) and fio-args.txt (workload-args.txt for
 * close-ring) give the model through ModelFor's one mapping, uname-r.txt the baseline variant, the
 * trace's io_uring_create events the ring flags, trace.txt the iterations (a no-kill one projected
 * from its teardown).
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
    public record Run(ModelFactory model, List<TraceConformance.Iteration> iterations, List<String> notes) {
        public Run(ModelFactory model, List<TraceConformance.Iteration> iterations) {
            this(model, iterations, List.of());
        }
    }

    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile("fputsim iter=(\\d+) (start|umount-ok|umount-failed)\\b");

    private ResultsConformance() {
    }

    /**
     * @param maxJobs cap on the model's jobs (the skeleton does not count threads; 0: the run's own)
     * @param maxSchedules the guided search's bound per iteration
     * @throws IllegalArgumentException with a one-line reason when the folder cannot be used
     */
    public static Run check(Path dir, int maxJobs, long maxSchedules) {
        return check(dir, maxJobs, 0, maxSchedules);
    }

    /** @param maxDepth cap on the model's iodepth (0: the run's own; close-ring's 32 reads are capped at the model's 16) */
    public static Run check(Path dir, int maxJobs, int maxDepth, long maxSchedules) {
        fputsim.kernel.ExitMode.Kind exit = ModelFor.exitMode(dir);
        List<String> argv = ModelFor.workloadArgv(dir, exit);
        String trace = read(dir, "trace.txt");
        String kernel = read(dir, "uname-r.txt").strip();
        String name = dir.resolve("trace.txt").toString();
        String flags = KernelSkeleton.ringFlags(FtraceParser.parseStrict(trace, name));
        List<String> notes = new ArrayList<>();
        trace = complete(trace, name, partial(dir), notes);
        ModelFactory m = ModelFor.model(exit, argv, flags, maxJobs, maxDepth).forConformance().factory(kernel);
        return new Run(m, TraceConformance.check(trace, m, maxSchedules), notes);
    }

    /** summary.json says the run stopped early (an interrupted run, or the snapshot of a killed one). */
    static boolean partial(Path dir) {
        Path p = dir.resolve("summary.json");
        try {
            return Files.exists(p) && new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.toFile()).path("partial").asBoolean(false);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
        }
    }

    /**
     * The trace up to its last complete iteration. Every iteration's start marker must be followed
     * by its umount result marker; the last one of a partial run may lack it (the run stopped
     * during it: cut off and noted). Anywhere else a missing result means a truncated trace.
     */
    static String complete(String trace, String name, boolean partial, List<String> notes) {
        String[] lines = trace.split("\n", -1);
        int openIter = -1;
        int openLine = -1;
        int openOffset = -1;
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = MARK.matcher(lines[i]);
            if (m.find()) {
                int it = Integer.parseInt(m.group(1));
                if (m.group(2).equals("start")) {
                    if (openIter >= 0)
                        throw new IllegalArgumentException(name + " line " + (openLine + 1) + ": iteration " + openIter
                                + " has no umount result before iteration " + it + " starts (truncated or corrupt trace)");
                    openIter = it;
                    openLine = i;
                    openOffset = offset;
                } else if (it == openIter) {
                    openIter = -1;
                }
            }
            offset += lines[i].length() + 1;
        }
        if (openIter < 0)
            return trace;
        if (!partial)
            throw new IllegalArgumentException(name + " line " + (openLine + 1) + ": iteration " + openIter
                    + " has no umount result (truncated trace; the run's summary.json does not say it was interrupted)");
        notes.add("iteration " + openIter + ": interrupted (the run stopped during it), not compared");
        return trace.substring(0, openOffset);
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
        for (String n : r.notes()) {
            sb.append(n).append('\n');
        }
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
