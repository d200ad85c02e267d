package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fputsim.explore.Bounds;
import fputsim.explore.Ending;
import fputsim.explore.Execution;
import fputsim.explore.Moment;
import fputsim.explore.SplitSearch;
import fputsim.explore.Summary;
import fputsim.model.KernelVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a split search, as JSON (schema {@code fputsim-shard/1}): the program, the bounds,
 * the shard's place (I of N, out of P prefixes) and, per prefix it searched, the summary of that
 * part. {@code fputsim merge} reads N of them back and merges the parts in prefix order.
 */
final class ShardJson {
    static final String SCHEMA = "fputsim-shard/1";

    /** {@code strategy}: the split search's, dfs-optimal or dfs-sleep (a file without it was written by dfs-optimal). */
    record Shard(String program, String model, Bounds bounds, int shard, int shards, int prefixes, Summary[] parts,
                 long elapsedNanos, boolean exhausted, String strategy) {
    }

    private ShardJson() {
    }

    static void write(Path p, String program, int shard, int shards, SplitSearch.Result r, String strategy) {
        ObjectNode doc = JsonOutput.MAPPER.createObjectNode();
        doc.put("schema", SCHEMA);
        doc.put("fputsim", VersionProvider.VERSION);
        doc.put("model", KernelVersion.MODEL);
        doc.put("program", program);
        doc.put("strategy", strategy);
        Bounds b = r.exploration().bounds();
        ObjectNode bn = doc.putObject("bounds");
        bn.put("maxSteps", b.maxSteps());
        bn.put("maxSchedules", b.maxSchedules());
        bn.put("timeLimitNanos", b.timeLimitNanos());
        bn.put("stopOnViolation", b.stopOnViolation());
        doc.put("shard", shard);
        doc.put("shards", shards);
        doc.put("prefixes", r.prefixes().size());
        doc.put("exhausted", r.exploration().exhausted());
        doc.put("elapsedNanos", r.exploration().stats().elapsedNanos());
        ArrayNode parts = doc.putArray("parts");
        for (int i = 0; i < r.parts().length; i++) {
            Summary s = r.parts()[i];
            if (s == null) {
                continue;
            }
            ObjectNode n = parts.addObject();
            n.put("prefix", i);
            n.put("schedules", s.schedules());
            n.put("pruned", s.pruned());
            n.put("steps", s.steps());
            n.put("maxDepth", s.maxDepth());
            ArrayNode ends = n.putArray("endStates");
            s.endStates().forEach(ends::add);
            ArrayNode props = n.putArray("properties");
            for (int k = 0; k < s.properties(); k++) {
                ObjectNode pn = props.addObject();
                pn.put("violating", s.violating(k));
                pn.put("firstAfter", s.firstAfter(k));
                pn.set("first", execution(s.first(k)));
                pn.set("shortest", execution(s.shortest(k)));
            }
        }
        try {
            Path tmp = Files.createTempFile(p.toAbsolutePath().getParent(), ".shard", ".tmp");
            JsonOutput.MAPPER.writeValue(tmp.toFile(), doc);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageError("cannot write " + p + ": " + e.getMessage());
        }
    }

    private static JsonNode execution(Execution e) {
        if (e == null) {
            return JsonOutput.MAPPER.nullNode();
        }
        ObjectNode n = JsonOutput.MAPPER.createObjectNode();
        ArrayNode d = n.putArray("decisions");
        for (int x : e.decisions()) {
            d.add(x);
        }
        n.put("ending", e.ending().name());
        n.put("steps", e.steps());
        n.put("preemptions", e.preemptions());
        n.put("endState", e.endState());
        ArrayNode vs = n.putArray("violations");
        for (Execution.Violation v : e.violations()) {
            ObjectNode vn = vs.addObject();
            vn.put("property", v.property());
            vn.put("name", v.name());
            vn.put("step", v.step());
            vn.put("moment", v.moment().name());
        }
        return n;
    }

    static Shard read(Path p) {
        JsonNode doc;
        try {
            doc = JsonOutput.MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            throw new UsageError("cannot read shard " + p + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            if (doc == null || !SCHEMA.equals(doc.path("schema").asText())) {
                throw new UsageError(p + " is not a shard (expected schema " + SCHEMA + ")");
            }
            JsonNode bn = doc.get("bounds");
            Bounds b = new Bounds(bn.get("maxSteps").asInt(), bn.get("maxSchedules").asLong(), bn.get("timeLimitNanos").asLong(),
                    bn.get("stopOnViolation").asBoolean());
            int prefixes = doc.get("prefixes").asInt();
            Summary[] parts = new Summary[prefixes];
            for (JsonNode n : doc.get("parts")) {
                int i = n.get("prefix").asInt();
                if (i < 0 || i >= prefixes || parts[i] != null) {
                    throw new UsageError(p + ": bad prefix index " + i);
                }
                List<String> ends = new ArrayList<>();
                n.get("endStates").forEach(x -> ends.add(x.asText()));
                JsonNode props = n.get("properties");
                int np = props.size();
                long[] violating = new long[np];
                long[] firstAfter = new long[np];
                Execution[] first = new Execution[np];
                Execution[] shortest = new Execution[np];
                for (int k = 0; k < np; k++) {
                    JsonNode pn = props.get(k);
                    violating[k] = pn.get("violating").asLong();
                    firstAfter[k] = pn.get("firstAfter").asLong();
                    first[k] = execution(pn.get("first"));
                    shortest[k] = execution(pn.get("shortest"));
                }
                parts[i] = Summary.of(n.get("schedules").asLong(), n.get("pruned").asLong(), n.get("steps").asLong(),
                        n.get("maxDepth").asInt(), ends, violating, first, shortest, firstAfter);
            }
            return new Shard(doc.get("program").asText(), doc.get("model").asText(), b, doc.get("shard").asInt(),
                    doc.get("shards").asInt(), prefixes, parts, doc.get("elapsedNanos").asLong(), doc.get("exhausted").asBoolean(),
                    doc.has("strategy") ? strategy(p, doc.get("strategy").asText()) : "dfs-optimal");
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new UsageError(p + " is not a valid shard (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String strategy(Path p, String s) {
        if (!s.equals("dfs-optimal") && !s.equals("dfs-sleep")) {
            throw new UsageError(p + ": a shard of strategy '" + s + "' (known: dfs-optimal, dfs-sleep)");
        }
        return s;
    }

    private static Execution execution(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        int[] d = new int[n.get("decisions").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = n.get("decisions").get(i).asInt();
        }
        List<Execution.Violation> vs = new ArrayList<>();
        for (JsonNode v : n.get("violations")) {
            vs.add(new Execution.Violation(v.get("property").asInt(), v.get("name").asText(), v.get("step").asInt(),
                    Moment.valueOf(v.get("moment").asText())));
        }
        JsonNode es = n.get("endState");
        return new Execution(d, Ending.valueOf(n.get("ending").asText()), n.get("steps").asInt(), n.get("preemptions").asInt(),
                List.copyOf(vs), es == null || es.isNull() ? null : es.asText());
    }
}
