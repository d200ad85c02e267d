/*
 * JunitXml: the KTAP results of one run as a JUnit XML testsuite that validates against Maven
 * Surefire's surefire-test-report.xsd (3.0.2; kept in the test resources): `time` (seconds,
 * three decimals) on the suite and on every testcase, `type` and a non-empty `message` on every
 * failure and error, properties for the run's state (partial, iterations done, why it stopped).
 * An error that stopped the run (bad input found late, a host step that failed) is one
 * testcase with an <error>.
 * Leaves out: stdout capture.
 * Checked by: FormatsTest#junit_everyPath_validatesAgainstSurefireXsd (javax.xml.validation against the XSD), KernelInterruptionTest (xmllint).
 */
package fputsim.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class JunitXml {
    private JunitXml() {
    }

    static String of(String suite, List<Ktap.Result> results) {
        return of(suite, results, Map.of(), null);
    }

    /**
     * @param properties written as <properties> (e.g. partial, iterations)
     * @param error non-null: one more testcase "run" with this <error message>
     */
    public static String of(String suite, List<Ktap.Result> results, Map<String, String> properties, String error) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long fail = results.stream().filter(r -> r.status() == Ktap.Status.FAIL).count();
        long skip = results.stream().filter(r -> r.status() == Ktap.Status.SKIP).count();
        double total = results.stream().mapToDouble(Ktap.Result::seconds).sum();
        b.append("<testsuite name=\"").append(esc(suite)).append("\" time=\"").append(time(total))
                .append("\" tests=\"").append(results.size() + (error != null ? 1 : 0))
                .append("\" failures=\"").append(fail).append("\" errors=\"").append(error != null ? 1 : 0)
                .append("\" skipped=\"").append(skip).append("\">\n");
        if (!properties.isEmpty()) {
            b.append("  <properties>\n");
            properties.forEach((k, v) -> b.append("    <property name=\"").append(esc(k)).append("\" value=\"")
                    .append(esc(v)).append("\"/>\n"));
            b.append("  </properties>\n");
        }
        for (Ktap.Result r : results) {
            b.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(r.name()))
                    .append("\" time=\"").append(time(r.seconds())).append('"');
            String msg = r.reason() == null || r.reason().isBlank() ? defaultMessage(r) : r.reason();
            switch (r.status()) {
                case PASS -> b.append("/>\n");
                case FAIL -> b.append(">\n    <failure type=\"fputsim.kernel.KtapFailure\" message=\"").append(esc(msg))
                        .append("\"/>\n  </testcase>\n");
                case SKIP -> b.append(">\n    <skipped message=\"").append(esc(msg)).append("\"/>\n  </testcase>\n");
            }
        }
        if (error != null) {
            b.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"run\" time=\"0.000\">\n")
                    .append("    <error type=\"fputsim.kernel.KernelValidationException\" message=\"")
                    .append(esc(error.isBlank() ? "the run stopped with an error" : error)).append("\"/>\n  </testcase>\n");
        }
        return b.append("</testsuite>\n").toString();
    }

    private static String defaultMessage(Ktap.Result r) {
        return r.status() == Ktap.Status.FAIL ? r.name() + " failed" : r.name() + " skipped";
    }

    static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\t' -> b.append("&#9;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c < 0x20 ? '?' : c); // not allowed in XML 1.0
            }
        }
        return b.toString();
    }
}
