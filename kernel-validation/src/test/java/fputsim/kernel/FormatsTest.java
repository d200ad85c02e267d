/*
 * FormatsTest: the run's JUnit XML validates against Surefire's XSD on every path (passed,
 * failed, skipped, interrupted, stopped by an error), and kunit.py reads every KTAP shape the
 * module writes (a complete run, a snapshot, a finished partial run, a nested predict document)
 * with no errors and the right counts. The XSD itself rejects what the old writer produced.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class FormatsTest {
    static final List<Ktap.Result> MIXED = List.of(new Ktap.Result(1, "iteration-1", Ktap.Status.PASS, "", 1.25),
            new Ktap.Result(2, "iteration-2", Ktap.Status.FAIL, "umount errno 22", 0.5),
            new Ktap.Result(3, "iteration-3", Ktap.Status.SKIP, "not run: interrupted by SIGINT after 2 of 3 iterations", 0),
            new Ktap.Result(4, "io_uring-umount-busy-after-reap", Ktap.Status.FAIL, "", 0));

    @Test
    void junit_everyPath_validatesAgainstSurefireXsd() throws Exception {
        Formats.junitValid(JunitXml.of("fputsim.kernel.io_uring", MIXED));
        Formats.junitValid(JunitXml.of("fputsim.kernel.io_uring", MIXED, Map.of("partial", "true", "stopReason", "x<y"), null));
        Formats.junitValid(JunitXml.of("fputsim.kernel.io_uring",
                List.of(new Ktap.Result(1, "io_uring-umount-after-reap", Ktap.Status.SKIP, "not run: root")), Map.of(), null));
        Formats.junitValid(JunitXml.of("fputsim.kernel.io_uring", List.of(), Map.of(), "fio rejects the run's options: fio: bad"));
        String xml = JunitXml.of("s", MIXED);
        assertThat(xml).contains("message=\"io_uring-umount-busy-after-reap failed\"").doesNotContain("message=\"\"");
    }

    @Test
    void xsd_rejectsTestcaseWithoutTimeAndFailureWithoutType() {
        assertThatThrownBy(() -> Formats.junitValid("<testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">"
                + "<testcase name=\"a\"/></testsuite>")).isInstanceOf(SAXException.class).hasMessageContaining("time");
        assertThatThrownBy(() -> Formats.junitValid("<testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"
                + "<testcase name=\"a\" time=\"0\"><failure message=\"\"/></testcase></testsuite>"))
                .isInstanceOf(SAXException.class).hasMessageContaining("type");
    }

    static String run(java.util.function.Consumer<Ktap> body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        body.accept(new Ktap(new PrintStream(b, true, StandardCharsets.UTF_8)));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void kunit_completeAndPartialDocuments_parseWithRightCounts() throws Exception {
        String complete = run(k -> {
            k.plan(3);
            k.diag("iteration-1: ebusy=3");
            k.result(Ktap.Status.PASS, "iteration-1", "");
            k.result(Ktap.Status.SKIP, "iteration-2", "fio exited before the kill (wait status 0)");
            k.diag("io_uring-umount-busy-after-reap: reproduced 1/1 busy");
            k.result(Ktap.Status.PASS, "io_uring-umount-busy-after-reap", "");
            k.close();
        });
        assertThat(Formats.kunitParse(complete)).isEqualTo(new Formats.Counts(3, 2, 0, 1));
        Ktap[] keep = new Ktap[1];
        run(k -> {
            keep[0] = k;
            k.plan(4);
            k.result(Ktap.Status.PASS, "iteration-1", "");
        });
        String snapshot = keep[0].snapshot(List.of(new Ktap.Result(0, "iteration-2", Ktap.Status.SKIP, "not run: did not finish"),
                new Ktap.Result(0, "iteration-3", Ktap.Status.SKIP, "not run: did not finish"),
                new Ktap.Result(0, "io_uring-umount-busy-after-reap", Ktap.Status.SKIP, "did not finish")));
        assertThat(Formats.kunitParse(snapshot)).isEqualTo(new Formats.Counts(4, 1, 0, 3));
    }

    @Test
    void kunit_predictDocument_nestsEachConfigurationAsSubtest() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        Ktap top = new Ktap(out);
        top.plan(2);
        top.diag("fputsim kernel predict: ...");
        for (String c : List.of("io_uring:12x2", "psync:12x1")) {
            Ktap sub = new Ktap(out, c);
            sub.plan(2);
            sub.result(Ktap.Status.PASS, "iteration-1", "");
            sub.result(Ktap.Status.PASS, c.startsWith("io") ? "io_uring-umount-busy-after-reap" : "psync-umount-never-busy-after-reap", "");
            sub.close();
            top.result(c.startsWith("io") ? Ktap.Status.PASS : Ktap.Status.FAIL, c, "");
        }
        top.close();
        String doc = b.toString(StandardCharsets.UTF_8);
        assertThat(doc.lines().filter(l -> l.equals("KTAP version 1"))).hasSize(1);
        // kunit.py counts the leaves: 2 x 2 subtests
        assertThat(Formats.kunitParse(doc)).isEqualTo(new Formats.Counts(4, 4, 0, 0));
    }

    @Test
    void skippedRun_writesJunitJsonAndOneSkippedKtapResult(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DoctorReport missing = new DoctorReport(List.of(Check.notRun("root", "needs root (loop devices, mount, tracefs)")));
        java.nio.file.Path junit = dir.resolve("j.xml");
        java.nio.file.Path json = dir.resolve("run.json");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RunSummary s = ReproducerRun.run(ReproducerRun.Options.defaults("io_uring").withJunitXml(junit).withResultsRoot(dir.resolve("r")),
                new PrintStream(b, true, StandardCharsets.UTF_8), missing, new ReproducerRun.Outputs(json, "test", null));
        assertThat(s.exitCode()).isEqualTo(77);
        assertThat(Formats.kunitParse(b.toString(StandardCharsets.UTF_8))).isEqualTo(new Formats.Counts(1, 0, 0, 1));
        Formats.junitValid(junit);
        assertThat(java.nio.file.Files.readString(junit)).contains("<skipped message=\"not run: root: needs root");
        assertThat(RunJsonTest.validate(RunJsonTest.JSON.readTree(json.toFile()))).isEmpty();
        assertThat(dir.resolve("r")).doesNotExist(); // nothing is created for a skipped run
    }
}
