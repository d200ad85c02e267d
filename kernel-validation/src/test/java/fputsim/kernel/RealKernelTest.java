/*
 * RealKernelTest: runs the reproducer on this host's kernel when KernelDoctor says every
 * requirement is met: some EBUSY with io_uring, none with psync, and nothing of ours left
 * in losetup -a or /proc/mounts afterwards.
 * Leaves out: rates (they vary run to run); a traced io_uring run checks that the trace
 * parses, records ring flags, and that every captured iteration conforms to the model.
 * Skips with the doctor's one-line reason, or fails instead with -Dfputsim.kernel.required=true.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.conform.ModelFor;
import fputsim.kernel.conform.TraceConformance;
import fputsim.model.ModelFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RealKernelTest {
    static DoctorReport doctor;

    @BeforeAll
    static void requirements() throws Exception {
        doctor = KernelDoctor.run();
        HostRequirements.assume(doctor);
    }

    static ReproducerRun.Options options(String engine, int iterations) {
        return ReproducerRun.Options.defaults(engine).withIterations(iterations).withSeed(7)
                .withResultsRoot(HostRequirements.resultsRoot());
    }

    static RunSummary run(ReproducerRun.Options o, ByteArrayOutputStream out) throws Exception {
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            return ReproducerRun.run(o, ps, doctor);
        }
    }

    @Test
    void ioUring_killWaitUmount_someIterationBusy() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary s = run(options("io_uring", 25), out);
        String ktap = out.toString(StandardCharsets.UTF_8);
        System.out.println(s.line());
        assertThat(ktap).startsWith("KTAP version 1\n1..26\n").contains("reproduced");
        assertThat(s.busy()).as(ktap).isPositive();
        assertThat(s.exitCode()).as(ktap).isZero();
        assertThat(s.helperDelayMedianUs()).isLessThan(1000.0);
        assertThat(Path.of(s.resultsDir()).resolve("iterations.json")).exists();
        assertThat(Path.of(s.resultsDir()).resolve("ktap.txt")).hasContent(ktap.strip());
        // the kernel's own KTAP parser reads it: 25 iterations + the run's check
        assertThat(Formats.kunitParse(Path.of(s.resultsDir()).resolve("ktap.txt")).total()).isEqualTo(26);
        assertThat(s.partial()).isFalse();
        HostRequirements.assertNothingLeft();
    }

    @Test
    void psync_killWaitUmount_neverBusy() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path junit = HostRequirements.resultsRoot().resolve("psync-junit.xml");
        Files.createDirectories(junit.getParent());
        RunSummary s = run(options("psync", 10).withJunitXml(junit), out);
        System.out.println(s.line());
        assertThat(s.busy()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(s.tested()).isPositive();
        assertThat(s.exitCode()).isZero();
        // the run's JSON document (kernel run --json) holds every iteration and matches its schema
        Path json = Path.of(s.resultsDir()).resolve("run.json");
        RunJson.write(json, s, "test");
        com.fasterxml.jackson.databind.JsonNode doc = RunJsonTest.JSON.readTree(json.toFile());
        assertThat(RunJsonTest.validate(doc)).isEmpty();
        assertThat(doc.path("iterations")).hasSize(10);
        Formats.junitValid(junit);
        assertThat(Files.readString(junit)).contains("tests=\"11\"", "<property name=\"partial\" value=\"false\"/>");
        HostRequirements.assertNothingLeft();
    }

    @Test
    void ioUring_traced_recordsRingFlagsAndParses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary s = run(options("io_uring", 3).withTrace(true), out);
        Path trace = Path.of(s.resultsDir()).resolve("trace.txt");
        assertThat(trace).exists();
        assertThat(s.ringFlags()).isNotEmpty();
        assertThat(FtraceParser.parse(Files.readString(trace)))
                .anyMatch(l -> l.event() instanceof TraceEvent.UmountReturned)
                .anyMatch(l -> l.event() instanceof TraceEvent.Marker);
        // every captured iteration must be an order the model can produce (scenario 03, baseline)
        ReproducerRun.Options o = options("io_uring", 3);
        ModelFactory model = ModelFor.factory("io_uring",
                ModelFor.config("io_uring", o.numjobs(), o.iodepth(), o.fioExtraArgs(), s.ringFlags()), s.kernel());
        List<TraceConformance.Iteration> its = TraceConformance.check(Files.readString(trace), model);
        StringBuilder report = new StringBuilder();
        for (TraceConformance.Iteration it : its) {
            System.out.println(it.line());
            it.result().ifPresent(r -> report.append(it.line()).append('\n').append(r.report()));
        }
        assertThat(its).hasSize(3);
        assertThat(TraceConformance.allConform(its)).as(report.toString()).isTrue();
        assertThat(Files.list(TraceCapture.TRACEFS.resolve("instances"))
                .map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("fputsim-" + ProcessHandle.current().pid() + "-"));
        HostRequirements.assertNothingLeft();
    }
}
