/*
 * KernelInterruptionTest: `kernel run` killed at random moments, by SIGINT, SIGTERM, SIGKILL of
 * the java process and SIGKILL of its whole process group, leaves nothing behind and an honest
 * partial record. Each run is a separate JVM (its own session and process group, SIGINT at its
 * default, via a python3 exec shim) with its own scratch dir (java.io.tmpdir), state dir and
 * results folder. After each kill, and again once the next run has started (and reclaimed dead
 * runs' leftovers), there must be no loop device backed by a file of ours, no mount of ours, no
 * tracefs instance of the killed JVM, no file in the scratch dir, no process of ours (fio's
 * --filename names the scratch dir), no run record. Every partial result parses: summary.json
 * (partial, iterations done), iterations.json, --json (schema), --junit (Surefire's XSD, javax and
 * xmllint), ktap.txt and, after SIGINT/SIGTERM, stdout (kunit.py: no errors, plan = results),
 * trace.txt (kernel conform reads it: never exit 2 or 3). No file is 0 bytes or a leftover temp.
 * Skips like the other real-kernel tests when a requirement is missing.
 */
package fputsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import fputsim.kernel.Cmd;
import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KernelInterruptionTest {
    static final Path BASE = Path.of("target/interruption").toAbsolutePath();
    static final Path WORK = BASE.resolve("work");
    static final Path STATE = BASE.resolve("state");
    static final Path XSD = Path.of("../kernel-validation/src/test/resources/xsd/surefire-test-report.xsd").toAbsolutePath();
    static final Path KUNIT = Path.of(System.getProperty("fputsim.kunit", "/opt/fputsim/kunit-src/tools/testing/kunit/kunit.py"));
    static final String[] SIGNALS = {"INT", "TERM", "KILL", "KILL-GROUP"};
    static final int RUNS = 8;
    /** After the 8: the supervisor and then java SIGKILLed, so only the record is left; the next run must reclaim it. */
    static final String BOTH = "KILL-SUPERVISOR-AND-JAVA";

    record Child(int n, Process p, Path dir, boolean traced, String signal, Thread drain) {
        Path results() {
            return dir.resolve("results");
        }
    }

    static void need(boolean ok, String why) {
        if (ok)
            return;
        if (Boolean.getBoolean("fputsim.kernel.required"))
            throw new AssertionError(why + " (fputsim.kernel.required=true)");
        Assumptions.abort(why);
    }

    Child start(int n, String signal) throws Exception {
        Path dir = BASE.resolve("run-" + n);
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean traced = n % 2 == 1;
        List<String> argv = new ArrayList<>(List.of("python3", "-c",
                // own session and process group (a group kill must not reach this JVM), SIGINT at its default
                "import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])",
                java, "-Xmx256m", "-cp", cp, "-Djava.io.tmpdir=" + WORK, "-Dfputsim.state.dir=" + STATE,
                "-Dfputsim.native.dir=" + Path.of("target/native").toAbsolutePath(),
                "fputsim.cli.Main", "kernel", "run", "--iterations", "30", "--seed", Integer.toString(n),
                // a small scratch fs: setup takes seconds on a loaded host, and the kills should land in iterations too
                "--image-size", "1G", "--data-mib", "64",
                "--results", dir.resolve("results").toString(), "--json", dir.resolve("run.json").toString(),
                "--junit", dir.resolve("junit.xml").toString()));
        if (traced)
            argv.add("--trace");
        // stdout is a pipe, as in a terminal or CI log: the run's supervisor keeps it and ends the KTAP if java dies
        Process p = new ProcessBuilder(argv).redirectError(dir.resolve("stderr.txt").toFile()).start();
        Path out = dir.resolve("stdout.txt");
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getInputStream(); java.io.OutputStream o = Files.newOutputStream(out)) {
                byte[] b = new byte[8192];
                for (int k; (k = in.read(b)) > 0;) {
                    o.write(b, 0, k);
                    o.flush();
                }
            } catch (java.io.IOException ignored) {
                // the test reads what arrived
            }
        }, "stdout-of-run-" + n);
        drain.start();
        return new Child(n, p, dir, traced, signal, drain);
    }

    @Test
    void kernelRun_killedAtRandomMoments_leavesNothingAndAnHonestPartialRecord() throws Exception {
        DoctorReport d = KernelDoctor.run();
        need(d.allOk(), d.skipReason());
        need(Cmd.run(Duration.ofSeconds(10), "python3", "-c", "pass").ok(), "python3 missing");
        need(Files.isRegularFile(KUNIT), "kunit.py not found at " + KUNIT + " (kernel-validation/install-deps.sh)");
        need(Cmd.run(Duration.ofSeconds(10), "xmllint", "--version").ok(), "xmllint missing (libxml2-utils)");
        clearBase();
        Files.createDirectories(WORK);
        Files.createDirectories(STATE);
        SplittableRandom rnd = new SplittableRandom(17);
        List<String> report = new ArrayList<>();
        Child prev = null;
        Child[] running = new Child[1];
        try {
            runAll(rnd, report, prev, running);
        } catch (Throwable t) {
            // a failed assertion right after a run killed with its supervisor leaves that run's loop
            // device, mount and instance for the next run, which will not come: reclaim them from
            // this test's own state directory (its records name only what those runs created)
            if (running[0] != null && running[0].p().isAlive()) {
                running[0].p().destroyForcibly(); // our own child, by its PID; its supervisor cleans up
                running[0].p().waitFor(90, TimeUnit.SECONDS);
            }
            Cli.run("kernel", "clean", "--state-dir", STATE.toString());
            throw t;
        }
        try (Stream<Path> s = Files.list(STATE)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".rec"))).as("run records left").isEmpty();
        }
        Cli clean = Cli.run("kernel", "clean", "--state-dir", STATE.toString());
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).contains("nothing to reclaim");
        report.forEach(System.out::println);
    }

    void runAll(SplittableRandom rnd, List<String> report, Child prev, Child[] running) throws Exception {
        for (int n = 1; n <= RUNS + 2; n++) {
            String sig = n <= RUNS ? SIGNALS[(n - 1) % SIGNALS.length] : n == RUNS + 1 ? BOTH : "INT";
            Child c = start(n, sig);
            running[0] = c;
            if (prev != null) {
                // the next run has started (its results folder exists once it reclaimed dead runs): still nothing of the last one
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.isDirectory(c.results()) && System.nanoTime() < end && c.p().isAlive())
                    Thread.sleep(50);
                assertNothingLeft(prev, Duration.ZERO);
                assertThat(tempFiles(prev)).as("temp files of run %d (SIG%s) after the next run reclaimed it", prev.n(), prev.signal()).isEmpty();
                if (prev.signal().equals(BOTH)) {
                    waitForKtap(c);
                    assertThat(Files.readString(c.dir().resolve("stdout.txt")))
                            .as("the run after %s reclaims the dead run's record", BOTH)
                            .contains("# leftovers of a dead run: reclaimed " + STATE + "/fputsim-" + prev.p().pid() + "-");
                }
            }
            if (sig.equals(BOTH)) {
                waitForIteration(c, 2); // mount, loop device, instance all exist
            }
            long delayMs = sig.equals(BOTH) ? 0 : 1500 + rnd.nextLong(10_000); // from JVM start through setup (2-10 s on a loaded host) into the iterations
            Thread.sleep(delayMs);
            long pid = c.p().pid();
            switch (sig) {
                case "INT" -> Cmd.run(Duration.ofSeconds(5), "kill", "-INT", Long.toString(pid));
                case "TERM" -> Cmd.run(Duration.ofSeconds(5), "kill", "-TERM", Long.toString(pid));
                case "KILL" -> Cmd.run(Duration.ofSeconds(5), "kill", "-KILL", Long.toString(pid));
                case BOTH -> {
                    long sup = c.p().children().filter(h -> h.info().command().orElse("").contains("fputsim-supervisor"))
                            .findFirst().orElseThrow().pid();
                    Cmd.run(Duration.ofSeconds(5), "kill", "-KILL", Long.toString(sup));
                    Cmd.run(Duration.ofSeconds(5), "kill", "-KILL", Long.toString(pid));
                }
                default -> Cmd.run(Duration.ofSeconds(5), "kill", "-KILL", "--", "-" + pid);
            }
            assertThat(c.p().waitFor(90, TimeUnit.SECONDS)).as("run %d exits after SIG%s", n, sig).isTrue();
            int code = c.p().exitValue();
            int expected = switch (sig) {
                case "INT" -> 130;
                case "TERM" -> 143;
                default -> 137;
            };
            assertThat(code).as("run %d exit code after SIG%s (stderr: %s)", n, sig,
                    Files.readString(c.dir().resolve("stderr.txt"))).isEqualTo(expected);
            String left = "";
            if (sig.equals(BOTH)) {
                Thread.sleep(2000);
                List<String> l = leftovers(c);
                assertThat(l).as("with its supervisor killed too, the run's resources stay until the next run").isNotEmpty();
                left = ", left " + l.size() + " resources for the next run: " + l.stream().map(x -> x.split(" ")[0] + (x.startsWith("tracefs") ? " instance" : "")).distinct().toList()
                        + (tempFiles(c).isEmpty() ? "" : " and " + tempFiles(c).size() + " temp file(s) of a write cut short");
            } else {
                assertNothingLeft(c, Duration.ofSeconds(20));
            }
            String parsed = assertPartialResultsParse(c) + left;
            report.add(String.format("run %d: SIG%s after %d ms, exit %d, %s", n, sig, delayMs, code, parsed));
            prev = c;
        }
        assertNothingLeft(prev, Duration.ZERO);
    }

    static void waitForKtap(Child c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && c.p().isAlive()
                && !Files.readString(c.dir().resolve("stdout.txt")).contains("\n1..31\n"))
            Thread.sleep(50);
        Thread.sleep(300); // the diagnostics after the plan
    }

    /** Until the run reported iteration {@code i} (bounded: a loaded host is slow, never fast enough to matter). */
    static void waitForIteration(Child c, int i) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end && c.p().isAlive()
                && !Files.readString(c.dir().resolve("stdout.txt")).contains("ok " + i + " iteration-" + i))
            Thread.sleep(50);
    }

    /** A previous test run's folders (never anything mounted: checked) go, so only this run's results are read. */
    static void clearBase() throws Exception {
        if (!Files.exists(BASE))
            return;
        assertThat(Files.readAllLines(Path.of("/proc/mounts"))).noneMatch(l -> l.contains(" " + BASE + "/"));
        try (Stream<Path> s = Files.walk(BASE)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList())
                Files.deleteIfExists(p);
        }
    }

    /** Leftovers of one killed run, polled for up to {@code wait} (the supervisor tears down within seconds). */
    void assertNothingLeft(Child c, Duration wait) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        List<String> left;
        do {
            left = leftovers(c);
            if (left.isEmpty())
                return;
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        assertThat(left).as("leftovers of run %d (SIG%s)", c.n(), c.signal()).isEmpty();
    }

    static List<String> leftovers(Child c) throws Exception {
        List<String> left = new ArrayList<>();
        String work = WORK.toString() + "/";
        String mine = "fputsim-" + c.p().pid() + "-"; // the killed JVM's scratch dirs, records, instances
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            for (Path b : s.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
                Path bf = b.resolve("loop/backing_file");
                if (Files.exists(bf)) {
                    String f = Files.readString(bf).strip();
                    if (f.startsWith(work + mine))
                        left.add("loop device " + b.getFileName() + " backed by " + f);
                }
            }
        }
        Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(" " + work + mine)).forEach(l -> left.add("mount " + l));
        Path inst = Path.of("/sys/kernel/tracing/instances");
        if (Files.isDirectory(inst)) {
            try (Stream<Path> s = Files.list(inst)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine))
                        .forEach(n -> left.add("tracefs instance " + n));
            }
        }
        try (Stream<Path> s = Files.list(WORK)) {
            s.filter(p -> p.getFileName().toString().startsWith(mine)).forEach(p -> left.add("scratch " + p));
        }
        try (Stream<Path> s = Files.list(STATE)) {
            s.filter(p -> p.getFileName().toString().startsWith(mine)).forEach(p -> left.add("state " + p));
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(work + mine))
                .forEach(p -> left.add("process " + p.pid() + " " + p.info().commandLine().orElse("")));
        return left;
    }

    /** A killed run's half-written outputs (an atomic write's temp file, owned by the run's supervisor). */
    static List<Path> tempFiles(Child c) throws Exception {
        try (Stream<Path> s = Files.walk(c.dir())) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains(".tmp-")).toList();
        }
    }

    /** Every result the killed run left parses; returns a one-line account. */
    String assertPartialResultsParse(Child c) throws Exception {
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(c.results())) {
            try (Stream<Path> s = Files.list(c.results())) {
                folders = s.toList();
            }
        }
        try (Stream<Path> s = Files.walk(c.dir())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (c.signal().equals(BOTH) && p.getFileName().toString().contains(".tmp-"))
                    continue; // a write the kill cut short, with nobody left to remove it: the next run's reclaim does (checked there)
                assertThat(p.getFileName().toString()).as("temp file left").doesNotContain(".tmp-");
                if (!p.getFileName().toString().startsWith("std"))
                    assertThat(Files.size(p)).as("0-byte file %s", p).isPositive();
            }
        }
        String what = "no results folder (killed before it was made)";
        for (Path f : folders) {
            JsonNode sum = JsonOutput.MAPPER.readTree(f.resolve("summary.json").toFile());
            int done = sum.get("iterations").asInt();
            assertThat(sum.get("partial").asBoolean()).as("summary.json partial").isTrue();
            assertThat(sum.get("plannedIterations").asInt()).isEqualTo(30);
            int records = JsonOutput.MAPPER.readTree(f.resolve("iterations.json").toFile()).size();
            if (c.signal().equals("INT") || c.signal().equals("TERM"))
                assertThat(records).as("iterations.json").isEqualTo(done);
            else // killed between the snapshot's files: iterations.json (written first) may hold one more
                assertThat(records).as("iterations.json").isBetween(done, done + 1);
            assertThat(kunit(f.resolve("ktap.txt"))).as("kunit.py on ktap.txt").isEqualTo(31);
            what = String.format("%d of 30 iterations (%s)", done, sum.get("stopReason").asText());
            if (Files.exists(f.resolve("trace.txt"))) {
                Cli conform = Cli.run("kernel", "conform", f.toString(), "--model-jobs", "2", "--max-schedules", "2000");
                assertThat(conform.code()).as("kernel conform on the partial trace: %s%s", conform.out(), conform.err())
                        .isIn(0, 1, 77);
                what += ", trace read by conform (exit " + conform.code() + ")";
            }
        }
        if (Files.exists(c.dir().resolve("run.json"))) {
            JsonSchema schema;
            try (InputStream in = Files.newInputStream(Path.of("../docs/json/kernel-run-v1.schema.json"))) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
            JsonNode doc = JsonOutput.MAPPER.readTree(c.dir().resolve("run.json").toFile());
            assertThat(schema.validate(doc)).as("run.json against the schema").isEmpty();
            assertThat(doc.at("/summary/partial").asBoolean()).isTrue();
        }
        if (Files.exists(c.dir().resolve("junit.xml"))) {
            Path x = c.dir().resolve("junit.xml");
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                    .validate(new StreamSource(x.toFile()));
            Cmd.Result r = Cmd.run(Duration.ofSeconds(30), "xmllint", "--noout", "--schema", XSD.toString(), x.toString());
            assertThat(r.exit()).as("xmllint: %s", r.out()).isZero();
            assertThat(Files.readString(x)).contains("<property name=\"partial\" value=\"true\"/>");
        }
        c.drain().join(30_000); // EOF once java and its supervisor closed the pipe
        if (!c.signal().equals(BOTH)) {
            // the stream itself ended properly, also after SIGKILL (the supervisor wrote the tail):
            // one document, the plan matched, totals
            String out = Files.readString(c.dir().resolve("stdout.txt"), StandardCharsets.UTF_8);
            if (out.contains("KTAP version 1")) {
                assertThat(kunit(c.dir().resolve("stdout.txt"))).as("kunit.py on stdout").isEqualTo(31);
                assertThat(out).contains("# Totals: ");
            }
        }
        return what;
    }

    static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?(?:: (.*))?");

    /** kunit.py parse: no errors, returns the number of tests it ran. */
    static int kunit(Path f) throws Exception {
        Cmd.Result r = Cmd.run(Duration.ofSeconds(60), "python3", KUNIT.toString(), "parse", f.toAbsolutePath().toString());
        assertThat(r.out()).as("kunit.py parse %s:%n%s", f, r.out()).doesNotContain("[ERROR]").doesNotContain("crashed")
                .doesNotContain("errors:").doesNotContain("Traceback");
        Matcher m = RAN.matcher(r.out());
        assertThat(m.find()).as("kunit.py summary in %s", r.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
