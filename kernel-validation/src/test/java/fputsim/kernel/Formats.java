/*
 * Formats: the outside readers of a run's outputs, for the tests. JUnit XML against Maven
 * Surefire's surefire-test-report.xsd (3.0.2, src/test/resources/xsd: javax.xml.validation, and
 * xmllint when installed), KTAP with the kernel's own parser (tools/testing/kunit/kunit.py parse,
 * from Debian's linux-source; install-deps.sh extracts it to /opt/fputsim/kunit-src, or
 * -Dfputsim.kunit=PATH).
 * A missing kunit.py or xmllint aborts the test (fails with -Dfputsim.kernel.required=true).
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;

public final class Formats {
    public static final Path XSD = Path.of("src/test/resources/xsd/surefire-test-report.xsd");
    private static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?(?:: (.*))?");

    private Formats() {
    }

    static Path kunit() {
        Path p = Path.of(System.getProperty("fputsim.kunit", "/opt/fputsim/kunit-src/tools/testing/kunit/kunit.py"));
        if (!Files.isRegularFile(p))
            missing("kunit.py not found at " + p + " (kernel-validation/install-deps.sh extracts it from linux-source)");
        return p;
    }

    static void missing(String why) {
        if (Boolean.getBoolean("fputsim.kernel.required"))
            fail(why + " (fputsim.kernel.required=true)");
        Assumptions.abort(why);
    }

    /** The counts kunit.py reports; fails on any parser error ("[ERROR]", missing subtests, bad plan). */
    public record Counts(int total, int passed, int failed, int skipped) { }

    public static Counts kunitParse(Path ktapFile) throws Exception {
        Cmd.Result r = Cmd.run(Duration.ofSeconds(60), "python3", kunit().toString(), "parse", ktapFile.toAbsolutePath().toString());
        String out = r.out();
        assertThat(out).as("kunit.py parse of " + ktapFile + ":\n" + out).doesNotContain("[ERROR]")
                .doesNotContain("crashed").doesNotContain("missing expected subtest").doesNotContain("Traceback");
        Matcher m = RAN.matcher(out);
        assertThat(m.find()).as("kunit.py summary line in:\n" + out).isTrue();
        int passed = 0, failed = 0, skipped = 0;
        if (m.group(2) != null) {
            for (String part : m.group(2).split(",\\s*")) {
                String[] kv = part.strip().split(":\\s*");
                int v = Integer.parseInt(kv[1].strip());
                switch (kv[0]) {
                    case "passed" -> passed = v;
                    case "failed" -> failed = v;
                    case "skipped" -> skipped = v;
                    default -> fail("kunit.py reported " + part + " for " + ktapFile + ":\n" + out);
                }
            }
        }
        return new Counts(Integer.parseInt(m.group(1)), passed, failed, skipped);
    }

    public static Counts kunitParse(String ktap) throws Exception {
        Path f = Files.createTempFile("fputsim-ktap-", ".txt");
        try {
            Files.writeString(f, ktap);
            return kunitParse(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** Valid against the XSD (javax.xml.validation always, xmllint too when installed). */
    public static void junitValid(Path xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                .validate(new StreamSource(xml.toFile()));
        if (xmllint()) {
            Cmd.Result r = Cmd.run(Duration.ofSeconds(60), "xmllint", "--noout", "--schema", XSD.toString(), xml.toString());
            assertThat(r.exit()).as("xmllint --schema on " + xml + ": " + r.out()).isZero();
        }
    }

    public static void junitValid(String xml) throws Exception {
        Path f = Files.createTempFile("fputsim-junit-", ".xml");
        try {
            Files.writeString(f, xml);
            junitValid(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    static boolean xmllint() throws IOException, InterruptedException {
        return Cmd.run(Duration.ofSeconds(10), "xmllint", "--version").ok();
    }
}
