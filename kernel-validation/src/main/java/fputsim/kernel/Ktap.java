/*
 * Ktap: writes KTAP version 1 (kernel Documentation/dev-tools/ktap.rst) as results arrive:
 * "ok N name", "not ok N name", "ok N name # SKIP reason", "# diagnostics", then
 * "# Totals: pass:X fail:Y skip:Z" and the plain closing line "X passed, Y failed, Z skipped".
 * Leaves out: nested subtests and TODO directives (not used by this module).
 * Checks: the count of results written equals the announced plan (close() says otherwise).
 * Checked by: KtapTest.
 */
package fputsim.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

public final class Ktap {
    public enum Status { PASS, FAIL, SKIP }

    /** One result line, kept for the JUnit XML and the summary. */
    public record Result(int number, String name, Status status, String reason) { }

    private final PrintStream out;
    private final List<Result> results = new ArrayList<>();
    private int plan;

    public Ktap(PrintStream out) {
        this.out = out;
    }

    public void plan(int n) {
        plan = n;
        out.println("KTAP version 1");
        out.println("1.." + n);
    }

    public void diag(String text) {
        for (String l : text.split("\n"))
            out.println("# " + l);
    }

    public void result(Status s, String name, String reason) {
        Result r = new Result(results.size() + 1, name, s, reason);
        results.add(r);
        out.println(line(r));
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

    /** Totals and the closing plain line; a short run (interrupted) is reported, not hidden. */
    public void close() {
        if (results.size() != plan)
            diag("planned " + plan + " results, wrote " + results.size());
        int pass = count(Status.PASS), fail = count(Status.FAIL), skip = count(Status.SKIP);
        out.println("# Totals: pass:" + pass + " fail:" + fail + " skip:" + skip);
        out.println(pass + " passed, " + fail + " failed, " + skip + " skipped");
        out.flush();
    }

    /** 0 all passed, 1 any failure, 77 everything skipped (automake/liburing convention). */
    public int exitCode() {
        if (count(Status.FAIL) > 0)
            return 1;
        return count(Status.PASS) == 0 ? 77 : 0;
    }
}
