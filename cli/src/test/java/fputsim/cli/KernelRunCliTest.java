/*
 * KernelRunCliTest: `kernel run` checks its output paths before anything runs (no root needed),
 * surfaces fio's own error line with exit 2 (not 77) and still writes a valid JUnit file, and
 * `kernel predict --ktap` prints ONE KTAP document that kunit.py reads with the right counts.
 * The real-kernel cases skip like the other real-kernel tests when a requirement is missing.
 */
package fputsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.DoctorReport;
import fputsim.kernel.KernelDoctor;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelRunCliTest {
    @TempDir
    Path dir;

    @Test
    void run_jsonNamingADirectory_isBadInputBeforeAnythingRuns() {
        Cli c = Cli.run("kernel", "run", "--json", dir.toString(), "--results", dir.resolve("r").toString());
        assertThat(c.code()).isEqualTo(ExitCodes.USAGE);
        // the message every command gives for an output that is a directory (Outputs.checkWritable)
        assertThat(c.err()).contains("cannot write " + dir + ": it is a directory (--json needs a file name)").doesNotContain("\tat ");
        assertThat(c.out()).doesNotContain("KTAP");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void run_junitInAMissingFolder_isBadInputBeforeAnythingRuns() {
        Cli c = Cli.run("kernel", "run", "--junit", dir.resolve("no/such/j.xml").toString(), "--results", dir.resolve("r").toString());
        assertThat(c.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(c.err()).contains("--junit").contains("no such directory");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void run_fioRejectsAnOption_exit2WithFiosErrorLine_andJunitSaysWhy() throws Exception {
        DoctorReport d = KernelDoctor.run();
        KernelInterruptionTest.need(d.allOk(), d.skipReason());
        Path junit = dir.resolve("j.xml");
        Cli c = Cli.run("kernel", "run", "--iterations", "2", "--fio-arg=--bogus_option=1", "--results", dir.resolve("r").toString(),
                "--junit", junit.toString());
        assertThat(c.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(c.err()).contains("fio rejects the run's options: fio: unrecognized option '--bogus_option=1'");
        assertThat(c.out()).contains("1..3").contains("# Totals: pass:0 fail:0 skip:3");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(KernelInterruptionTest.XSD.toFile())
                .newValidator().validate(new StreamSource(junit.toFile()));
        assertThat(Files.readString(junit)).contains("<error type=").contains("unrecognized option");
    }

    @Test
    void predict_ktap_isOneDocumentWithEachConfigurationAsSubtest() throws Exception {
        DoctorReport d = KernelDoctor.run();
        KernelInterruptionTest.need(d.allOk(), d.skipReason());
        KernelInterruptionTest.need(Files.isRegularFile(KernelInterruptionTest.KUNIT), "kunit.py missing");
        Cli c = Cli.run("kernel", "predict", "--ktap", "--iterations", "1", "--config", "psync:1x1,libaio:1x1",
                "--results", dir.resolve("r").toString());
        assertThat(c.code()).as(c.err()).isIn(ExitCodes.OK, ExitCodes.VIOLATION, ExitCodes.SKIPPED);
        assertThat(c.out().lines().filter(l -> l.equals("KTAP version 1"))).hasSize(1);
        assertThat(c.out()).contains("    # Subtest: psync:1x1", "    # Subtest: libaio:1x1", "\n1..2\n");
        Path f = dir.resolve("predict.ktap");
        Files.writeString(f, c.out());
        // leaves: 2 iterations + 2 run checks
        assertThat(KernelInterruptionTest.kunit(f)).isEqualTo(4);
    }
}
