/*
 * JunitXml: the KTAP results of one run as a JUnit XML testsuite, for CI systems that
 * read Surefire-style reports.
 * Leaves out: timings per case (the iterations.json records have them) and stdout capture.
 * Checked by: KtapTest.
 */
package fputsim.kernel;

import java.util.List;

final class JunitXml {
    private JunitXml() {
    }

    static String of(String suite, List<Ktap.Result> results) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long fail = results.stream().filter(r -> r.status() == Ktap.Status.FAIL).count();
        long skip = results.stream().filter(r -> r.status() == Ktap.Status.SKIP).count();
        b.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(fail).append("\" errors=\"0\" skipped=\"").append(skip).append("\">\n");
        for (Ktap.Result r : results) {
            b.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(r.name())).append('"');
            switch (r.status()) {
                case PASS -> b.append("/>\n");
                case FAIL -> b.append(">\n    <failure message=\"").append(esc(r.reason())).append("\"/>\n  </testcase>\n");
                case SKIP -> b.append(">\n    <skipped message=\"").append(esc(r.reason())).append("\"/>\n  </testcase>\n");
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
