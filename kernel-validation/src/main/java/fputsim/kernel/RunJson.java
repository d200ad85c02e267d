/*
 * RunJson: the versioned JSON document of one reproducer run (`kernel run --json FILE`):
 * {"schema": "fputsim-kernel-run/1", "fputsim": version, "summary": {RunSummary},
 *  "iterations": [IterationRecord + outcome + windowNs]}. Schema: docs/json/kernel-run-v1.schema.json.
 * A skipped run (a requirement missing) has exitCode 77, its skipReason, and no iterations.
 * Leaves out: the raw trace and KTAP (they stay in the results folder named by resultsDir).
 * Checked by: RunJsonTest (against the schema).
 */
package fputsim.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public final class RunJson {
    public static final String SCHEMA = "fputsim-kernel-run/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    public static ObjectNode document(RunSummary s, List<IterationRecord> iterations, String fputsimVersion) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("schema", SCHEMA);
        doc.put("fputsim", fputsimVersion);
        doc.set("summary", JSON.valueToTree(s));
        doc.set("iterations", JSON.valueToTree(iterations));
        return doc;
    }

    /** The document as the bytes of its file. */
    public static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new KernelValidationException("cannot serialise the run's JSON: " + e.getMessage());
        }
    }

    /** Writes the document of {@code s}, with the iterations its results folder holds. */
    public static void write(Path file, RunSummary s, String fputsimVersion) {
        try {
            ResultsFolder.write(file, ResultsFolder.tempFor(file), bytes(document(s, iterations(s), fputsimVersion)));
        } catch (IOException e) {
            throw new KernelValidationException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The run's per-iteration records (from its results folder's iterations.json; none if skipped). */
    static List<IterationRecord> iterations(RunSummary s) throws IOException {
        if (s.resultsDir().isEmpty()) {
            return List.of();
        }
        Path p = Path.of(s.resultsDir()).resolve("iterations.json");
        if (!Files.exists(p)) {
            return List.of();
        }
        JsonNode arr = JSON.readTree(p.toFile());
        List<IterationRecord> out = new java.util.ArrayList<>();
        for (JsonNode n : arr) {
            out.add(new IterationRecord(n.path("iteration").asInt(), n.path("sleepUs").asLong(), n.path("fioPid").asInt(),
                    n.path("fioEarlyExit").asBoolean(), n.path("fioStatus").asInt(), n.path("killNs").asLong(),
                    n.path("waitNs").asLong(), n.path("firstUmountNs").asLong(), n.path("lastEbusyNs").asLong(),
                    n.path("doneNs").asLong(), n.path("helperDelayNs").asLong(), n.path("attempts").asInt(),
                    n.path("ebusy").asInt(), n.path("umountErrno").asInt(), n.path("mountError").asText(""),
                    n.path("fioError").asText(""), n.path("exitMode").asText(ExitMode.Kind.KILL.label),
                    n.path("timedOut").asBoolean(false), n.path("inflightAtClose").asInt(-1)));
        }
        return out;
    }
}
