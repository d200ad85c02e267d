/*
 * Ktap: writes KTAP version 1 (kernel Documentation/dev-tools/ktap.rst) as results arrive:
 * "ok N name", "not ok N name", "ok N name # SKIP reason", "# diagnostics", then
 * "# Totals: pass:X fail:Y skip:Z" and, for a top-level document, the plain closing line
 * "X passed, Y failed, Z skipped". Names are stable (counts go in diagnostics).
 * A Ktap made with a subtest name writes an indented subtest ("    KTAP version 1",
 * "    # Subtest: NAME", ...) whose result line the caller writes at the parent's level; the
 * same results are kept as a top-level document (document(), the results folder's ktap.txt).
 * finish() ends a short (interrupted) run properly: every planned result that was not
 * reported is reported as skipped with the reason, so the plan always matches.
 * Leaves out: TODO directives; "Bail out!" (kunit.py does not read it).
 * Checks: the count of results written equals the announced plan (finish() makes it so).
 * Checked by: KtapTest (and kunit.py parse in FormatsTest#kunit_completeAndPartialDocuments_parseWithRightCounts and KernelInterruptionTest).
 */
package fputsim.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

public final class Ktap {
    public enum Status { PASS, FAIL, SKIP }

    /** One result line, kept for the JUnit XML and the summary; {@code seconds} is how long it took. */
    public record Result(int number, String name, Status status, String reason, double seconds) {
        public Result(int number, String name, Status status, String reason) {
            this(number, name, status, reason, 0);
        }
    }

    private final PrintStream out;
    private final String indent;
    private final String subtest;
    private final List<Result> results = new ArrayList<>();
    private final List<String> doc = new ArrayList<>();
    private int plan;
    private boolean planLine;
    private boolean closed;
    private java.util.function.Consumer<String> relay;

    public Ktap(PrintStream out) {
        this(out, null);
    }

    /** A subtest named {@code subtest} (indented by 4), or a top-level document when null. */
    public Ktap(PrintStream out, String subtest) {
        this.out = out;
        this.subtest = subtest;
        this.indent = subtest == null ? "" : "    ";
    }

    private void emit(String line) {
        doc.add(line);
        if (line.startsWith("1.."))
            planLine = true;
        if (relay != null)
            relay.accept(indent + line);
        else
            out.println(indent + line);
    }

    /** From now on every line goes to {@code r} instead of the stream (the supervisor prints it). */
    public void relayTo(java.util.function.Consumer<String> r) {
        relay = r;
    }

    /**
     * The lines that would end the document now: the plan line if not yet out, {@code rest}
     * (numbered on), the totals and the closing line; empty once closed.
     */
    public List<String> tail(String why, List<Result> rest) {
        List<String> t = new ArrayList<>();
        if (closed)
            return t;
        if (!planLine && plan > 0)
            t.add("1.." + plan);
        t.add("# " + why);
        List<Result> all = new ArrayList<>(results);
        if (results.size() < plan) {
            for (Result r : rest) {
                Result n = new Result(all.size() + 1, r.name(), r.status(), r.reason(), r.seconds());
                all.add(n);
                t.add(line(n));
            }
        }
        for (String l : tail(all))
            t.add(indent + l);
        return t;
    }

    public void plan(int n) {
        plan = n;
        emit("KTAP version 1");
        if (subtest != null)
            out.println(indent + "# Subtest: " + subtest);
        emit("1.." + n);
    }

    public int plan() {
        return plan;
    }

    public void diag(String text) {
        for (String l : text.split("\n"))
            emit("# " + l);
    }

    public void result(Status s, String name, String reason) {
        result(s, name, reason, 0);
    }

    public void result(Status s, String name, String reason, double seconds) {
        Result r = new Result(results.size() + 1, name, s, reason, seconds);
        results.add(r);
        emit(line(r));
        out.flush(); // a progress record for whoever tails the stream
    }

    static String line(Result r) {
        switch (r.status()) {
            case PASS: return "ok " + r.number() + " " + r.name();
            case FAIL: return "not ok " + r.number() + " " + r.name();
            default: return "ok " + r.number() + " " + r.name() + " # SKIP " + r.reason();
        }
    }

    public int count(Status s) {
        return (int) results.stream().filter(r -> r.status() == s).count();
    }

    public List<Result> results() {
        return List.copyOf(results);
    }

    public int reported() {
        return results.size();
    }

    /** Totals and (top level) the closing plain line. */
    public void close() {
        if (closed)
            return;
        closed = true;
        if (results.size() != plan)
            diag("planned " + plan + " results, wrote " + results.size());
        for (String l : tail(results))
            emit(l);
        out.flush();
    }

    private List<String> tail(List<Result> rs) {
        long pass = rs.stream().filter(r -> r.status() == Status.PASS).count();
        long fail = rs.stream().filter(r -> r.status() == Status.FAIL).count();
        long skip = rs.stream().filter(r -> r.status() == Status.SKIP).count();
        List<String> t = new ArrayList<>(List.of("# Totals: pass:" + pass + " fail:" + fail + " skip:" + skip));
        if (subtest == null)
            t.add(pass + " passed, " + fail + " failed, " + skip + " skipped");
        return t;
    }

    public boolean closed() {
        return closed;
    }

    /** The document so far as a top-level KTAP text (what ktap.txt holds). */
    public String document() {
        StringBuilder b = new StringBuilder();
        for (String l : doc)
            b.append(l).append('\n');
        if (closed && subtest != null) // a subtest's tail has no closing line; the file is a top-level document
            b.append(count(Status.PASS)).append(" passed, ").append(count(Status.FAIL)).append(" failed, ")
                    .append(count(Status.SKIP)).append(" skipped\n");
        return b.toString();
    }

    /**
     * A complete top-level document as if the run stopped now: the results so far, then
     * {@code rest} (each "name" or "name\treason", skipped) and the totals. Nothing is written.
     */
    public String snapshot(List<Result> rest) {
        StringBuilder b = new StringBuilder();
        if (doc.isEmpty()) // the plan is not out yet: the snapshot's own
            b.append("KTAP version 1\n1..").append(results.size() + rest.size()).append('\n');
        for (String l : doc)
            b.append(l).append('\n');
        List<Result> all = new ArrayList<>(results);
        for (Result r : rest) {
            Result n = new Result(all.size() + 1, r.name(), r.status(), r.reason(), r.seconds());
            all.add(n);
            b.append(line(n)).append('\n');
        }
        long pass = all.stream().filter(r -> r.status() == Status.PASS).count();
        long fail = all.stream().filter(r -> r.status() == Status.FAIL).count();
        long skip = all.stream().filter(r -> r.status() == Status.SKIP).count();
        b.append("# Totals: pass:").append(pass).append(" fail:").append(fail).append(" skip:").append(skip).append('\n');
        b.append(pass).append(" passed, ").append(fail).append(" failed, ").append(skip).append(" skipped\n");
        return b.toString();
    }

    /** 0 all passed, 1 any failure, 77 everything skipped (automake/liburing convention). */
    public int exitCode() {
        return exitCode(results);
    }

    static int exitCode(List<Result> rs) {
        if (rs.stream().anyMatch(r -> r.status() == Status.FAIL))
            return 1;
        return rs.stream().noneMatch(r -> r.status() == Status.PASS) ? 77 : 0;
    }
}
