/*
 * CapturePerfettoTest: the 6.18 capture of FtraceParserTest as Chrome Trace Event JSON: structure
 * (displayTimeUnit first, required fields, flows paired, ts ordered per track), process 2, and the
 * anchor on the first EBUSY.
 */
package fputsim.kernel;

import fputsim.model.Errno;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturePerfettoTest {
    @Test
    void toJson_capture_isWellFormedInProcessTwo() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(CapturePerfetto.toJson(FtraceParserTest.capture(), "test"));
        assertThat(doc.fieldNames().next()).isEqualTo("displayTimeUnit");
        Map<String, Long> last = new HashMap<>();
        Map<Long, Integer> flows = new HashMap<>();
        for (JsonNode e : doc.path("traceEvents")) {
            assertThat(e.has("name") && e.has("ph") && e.has("pid") && e.has("tid")).as("%s", e).isTrue();
            assertThat(e.path("pid").asInt()).isEqualTo(CapturePerfetto.PID);
            String ph = e.path("ph").asText();
            if (ph.equals("M")) {
                continue;
            }
            String track = e.path("tid").asText();
            assertThat(e.path("ts").asLong()).as("ordered: %s", e).isGreaterThanOrEqualTo(last.getOrDefault(track, 0L));
            last.put(track, e.path("ts").asLong());
            if (ph.equals("s")) {
                flows.merge(e.path("id").asLong(), 1, Integer::sum);
            } else if (ph.equals("f")) {
                flows.merge(e.path("id").asLong(), -1, Integer::sum);
            }
        }
        assertThat(flows).isNotEmpty();
        assertThat(flows.values()).allMatch(n -> n == 0);
    }

    @Test
    void toJson_capture_anchorsOnTheFirstEbusy() throws Exception {
        List<TraceLine> lines = FtraceParserTest.capture();
        long t0 = lines.get(0).timestampNs();
        long ebusy = lines.stream().filter(l -> l.event() instanceof TraceEvent.UmountReturned u && u.errno() == Errno.EBUSY)
                .findFirst().orElseThrow().timestampNs();
        JsonNode doc = new ObjectMapper().readTree(CapturePerfetto.toJson(lines, "test"));
        assertThat(doc.path("otherData").path("anchor_us").asLong()).isEqualTo((ebusy - t0) / 1000);
        assertThat(doc.path("traceEvents").findValuesAsText("name")).contains("umount -> -EBUSY", "io_fallback_req_func", "delayed_fput");
    }

    /** Chrome DevTools binds a flow event only to a slice with the same ts, pid, tid and cat; Perfetto to the enclosing one (bp e). */
    @Test
    void toJson_capture_flowEventsBindInDevToolsAndPerfetto() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(CapturePerfetto.toJson(FtraceParserTest.capture(), "test"));
        java.util.Set<String> slices = new java.util.HashSet<>();
        for (JsonNode e : doc.path("traceEvents")) {
            if (e.path("ph").asText().equals("X")) {
                slices.add(e.path("ts").asLong() + "/" + e.path("pid").asInt() + "/" + e.path("tid").asInt() + "/" + e.path("cat").asText());
            }
        }
        int n = 0;
        for (JsonNode e : doc.path("traceEvents")) {
            String ph = e.path("ph").asText();
            if (ph.equals("s") || ph.equals("f")) {
                n++;
                assertThat(slices).as("a slice for %s", e)
                        .contains(e.path("ts").asLong() + "/" + e.path("pid").asInt() + "/" + e.path("tid").asInt() + "/" + e.path("cat").asText());
                assertThat(e.path("bp").asText()).isEqualTo("e");
            }
        }
        assertThat(n).isPositive();
    }
}
