package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** predict-window's busy-vs-delay plot has a logarithmic delay axis with ticks, and 0 in a slot of its own. */
class WindowPlotTest {
    @Test
    void busyPlot_defaultDelays_sitOnALogAxisWithDecadeTicks(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("predict-window", "--jobs", "1", "--runs", "3", "--report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String svg = Files.readString(dir.resolve("busy-vs-delay-baseline-6.18.svg"));
        Map<String, Double> x = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<circle class=\"point\" data-delay-ms=\"([0-9.]+)\" cx=\"([0-9.]+)\"").matcher(svg);
        while (m.find()) {
            x.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(x.keySet()).containsExactly("0", "1", "2", "5", "10", "50", "100");
        double decade = x.get("10") - x.get("1");
        assertThat(decade).isPositive();
        assertThat(x.get("100") - x.get("10")).isCloseTo(decade, within(0.2)); // equal decades: a log axis
        assertThat(x.get("2") - x.get("1")).isCloseTo(decade * Math.log10(2), within(0.2));
        assertThat(x.get("50") - x.get("10")).isCloseTo(decade * Math.log10(5), within(0.2));
        assertThat(x.get("0")).isLessThan(x.get("1") - 10); // 0 has its own slot, left of the log part
        assertThat(svg).contains("class=\"axis-break\"", "log scale");
        // labelled ticks at each decade (and at 0), minor ticks between
        List<String> labels = Pattern.compile("<text class=\"tick-label\" [^>]*>([^<]+)</text>").matcher(svg)
                .results().map(g -> g.group(1)).toList();
        assertThat(labels).containsExactlyInAnyOrder("1", "10", "100", "0");
        assertThat(svg.split("class=\"tick minor\"", -1).length - 1).isEqualTo(16);
    }
}
