package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * overlay: a model counterexample (process 1) and a real capture (process 2) in one Perfetto file,
 * on one timeline, shifted so that the model's violating step and the capture's first EBUSY
 * (each file's otherData.anchor_us) line up.
 */
@Command(name = "overlay", mixinStandardHelpOptions = true,
        description = {"Put a model counterexample (check/replay --perfetto) and a real capture (kernel run --trace: trace.json)",
                "in one Chrome Trace Event file, process 1 and process 2, aligned on the violation / first EBUSY."},
        footer = ExitCodes.HELP)
final class OverlayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "model trace (fputsim check|replay --perfetto)")
    Path model;

    @Parameters(index = "1", paramLabel = "KERNEL.json", description = "real capture (results/<run>/trace.json of fputsim kernel run --trace)")
    Path kernel;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json", description = "the file to write")
    Path output;

    @Override
    public Integer call() {
        JsonOutput.checkWritable(output);
        JsonNode m = read(model);
        JsonNode k = read(kernel);
        long am = anchor(m);
        long ak = anchor(k);
        long at = Math.max(am, ak);
        ObjectNode doc = JsonOutput.MAPPER.createObjectNode();
        doc.put("displayTimeUnit", m.path("displayTimeUnit").asText("ms"));
        ArrayNode events = doc.putArray("traceEvents");
        copy(m, 1, at - am, events);
        copy(k, 2, at - ak, events);
        ObjectNode other = doc.putObject("otherData");
        other.put("source", "fputsim overlay");
        other.set("model", m.path("otherData"));
        other.set("kernel", k.path("otherData"));
        other.put("alignment", "model anchor_us " + am + " and kernel anchor_us " + ak + " both at " + at + " us");
        JsonOutput.write(output, doc);
        spec.commandLine().getOut().println("overlay: " + output + " (model as process 1, kernel as process 2, aligned at " + at + " us)");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static JsonNode read(Path p) {
        JsonNode n;
        try {
            n = JsonOutput.MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            throw new UsageError("cannot read " + p + " as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.path("traceEvents").isArray()) {
            throw new UsageError(p + " is not a Chrome Trace Event file (no traceEvents array)");
        }
        return n;
    }

    private static long anchor(JsonNode n) {
        String a = n.path("otherData").path("anchor_us").asText("0");
        try {
            return Long.parseLong(a);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Copies every event, moved to process {@code pid} and shifted by {@code shift} microseconds. */
    private static void copy(JsonNode doc, int pid, long shift, ArrayNode out) {
        for (JsonNode e : doc.path("traceEvents")) {
            ObjectNode c = e.deepCopy();
            c.put("pid", pid);
            if (c.has("ts")) {
                c.put("ts", c.path("ts").asLong() + shift);
            }
            out.add(c);
        }
    }
}
