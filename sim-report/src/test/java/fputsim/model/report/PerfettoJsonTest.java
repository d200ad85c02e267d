package fputsim.model.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chrome Trace Event JSON of the canonical counterexample, checked for structure. */
class PerfettoJsonTest {
    private final Counterexample cx = Canonical.counterexample();

    static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    /** Structure checks shared by every Chrome trace fputsim writes. */
    static void assertWellFormed(JsonNode doc) {
        assertThat(doc.fieldNames().next()).isEqualTo("displayTimeUnit");
        assertThat(doc.path("traceEvents").isArray()).isTrue();
        Map<Long, Integer> flowStarts = new HashMap<>();
        Map<Long, Integer> flowEnds = new HashMap<>();
        Map<String, Long> lastTs = new HashMap<>();
        Map<String, List<long[]>> slices = new HashMap<>();
        for (JsonNode e : doc.path("traceEvents")) {
            assertThat(e.has("name") && e.has("ph") && e.has("pid") && e.has("tid")).as("required fields: %s", e).isTrue();
            String ph = e.path("ph").asText();
            assertThat(ph).isIn("X", "i", "M", "s", "f");
            if (ph.equals("M")) {
                continue;
            }
            assertThat(e.path("ts").isIntegralNumber()).as("ts: %s", e).isTrue();
            long ts = e.path("ts").asLong();
            String track = e.path("pid").asInt() + "/" + e.path("tid").asInt();
            assertThat(ts).as("ts ordered on track %s: %s", track, e).isGreaterThanOrEqualTo(lastTs.getOrDefault(track, 0L));
            lastTs.put(track, ts);
            switch (ph) {
                case "X" -> {
                    assertThat(e.path("dur").asLong()).isPositive();
                    slices.computeIfAbsent(track, k -> new ArrayList<>()).add(new long[] {ts, ts + e.path("dur").asLong()});
                }
                case "i" -> assertThat(e.path("s").asText()).isIn("t", "p", "g");
                case "s" -> flowStarts.merge(e.path("id").asLong(), 1, Integer::sum);
                default -> flowEnds.merge(e.path("id").asLong(), 1, Integer::sum);
            }
        }
        assertThat(flowStarts).isEqualTo(flowEnds);
        assertThat(flowStarts.values()).allMatch(n -> n == 1);
        // each flow end binds to a slice that encloses it on its track
        for (JsonNode e : doc.path("traceEvents")) {
            String ph = e.path("ph").asText();
            if (ph.equals("s") || ph.equals("f")) {
                long ts = e.path("ts").asLong();
                String track = e.path("pid").asInt() + "/" + e.path("tid").asInt();
                assertThat(slices.getOrDefault(track, List.of())).as("slice around %s", e).anyMatch(s -> s[0] <= ts && ts < s[1]);
            }
        }
    }

    @Test
    void write_canonical_isWellFormedChromeTraceJson() throws Exception {
        assertWellFormed(parse(PerfettoJson.toJson(cx)));
    }

    @Test
    void write_canonical_namesOneThreadPerActorInProcessOne() throws Exception {
        JsonNode doc = parse(PerfettoJson.toJson(cx));
        List<String> threads = new ArrayList<>();
        for (JsonNode e : doc.path("traceEvents")) {
            assertThat(e.path("pid").asInt()).isEqualTo(PerfettoJson.PID);
            if (e.path("name").asText().equals("thread_name")) {
                threads.add(e.path("args").path("name").asText());
            }
        }
        assertThat(threads).isEqualTo(cx.actors());
    }

    @Test
    void write_canonical_marksTheViolationAndDrawsEveryDeferral() throws Exception {
        JsonNode doc = parse(PerfettoJson.toJson(cx));
        int flows = 0;
        JsonNode violation = null;
        for (JsonNode e : doc.path("traceEvents")) {
            if (e.path("ph").asText().equals("s")) {
                flows++;
            }
            if (e.path("ph").asText().equals("i")) {
                violation = e;
            }
        }
        assertThat(flows).isEqualTo(cx.flows().size());
        assertThat(violation).isNotNull();
        assertThat(violation.path("name").asText()).isEqualTo("violated: umount-busy-after-reap");
        assertThat(violation.path("ts").asLong() / PerfettoJson.STEP_US).isEqualTo(cx.violationStep());
        assertThat(doc.path("otherData").path("anchor_us").asLong()).isEqualTo(cx.violationStep() * PerfettoJson.STEP_US);
    }

    @Test
    void write_sameCounterexample_sameBytes() {
        assertThat(PerfettoJson.toJson(Canonical.counterexample())).isEqualTo(PerfettoJson.toJson(cx));
    }

    /**
     * Chrome DevTools' trace engine binds a flow event only to a slice with the same ts, pid, tid
     * and cat (and Perfetto to the slice enclosing ts): every flow event of the model's trace sits
     * exactly at the start of a step slice of its own category, with binding point e.
     */
    @Test
    void write_canonical_flowEventsBindInDevToolsAndPerfetto() throws Exception {
        JsonNode doc = parse(PerfettoJson.toJson(cx));
        java.util.Set<String> slices = new java.util.HashSet<>();
        for (JsonNode e : doc.path("traceEvents")) {
            if (e.path("ph").asText().equals("X")) {
                slices.add(e.path("ts").asLong() + "/" + e.path("pid").asInt() + "/" + e.path("tid").asInt() + "/" + e.path("cat").asText());
            }
        }
        int flows = 0;
        for (JsonNode e : doc.path("traceEvents")) {
            String ph = e.path("ph").asText();
            if (ph.equals("s") || ph.equals("f")) {
                flows++;
                String key = e.path("ts").asLong() + "/" + e.path("pid").asInt() + "/" + e.path("tid").asInt() + "/" + e.path("cat").asText();
                assertThat(slices).as("a slice with the same ts, pid, tid and cat as %s", e).contains(key);
                assertThat(e.path("cat").asText()).isEqualTo(PerfettoJson.STEP_CAT);
                assertThat(e.path("bp").asText()).as("binding point of %s", e).isEqualTo("e");
            }
        }
        assertThat(flows).as("flow events (a start and an end per deferral that ran)").isEqualTo(2 * cx.flows().stream().filter(Deferrals.Flow::ran).count())
                .isPositive();
    }

    /** Object keys in a fixed order (Map.of would change it from one JVM to the next). */
    @Test
    void write_canonical_violationArgsInFixedOrder() throws Exception {
        JsonNode doc = parse(PerfettoJson.toJson(cx));
        List<String> keys = new ArrayList<>();
        for (JsonNode e : doc.path("traceEvents")) {
            if (e.path("ph").asText().equals("i")) {
                e.path("args").fieldNames().forEachRemaining(keys::add);
            }
        }
        assertThat(keys).containsExactly("property", "step");
    }
}
