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
        description = {"Put a model counterexample and a real capture in one Chrome Trace Event file, aligned on the EBUSY.",
                "The model (check/replay --perfetto) is process 1, the capture (kernel run --trace: trace.json) process 2;"
                        + " the model's violation and the capture's first EBUSY are at the same time."},
        footer = ExitCodes.HELP)
final class OverlayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "model trace (fputsim check|replay --perfetto); - reads standard input")
    Path model;

    @Parameters(index = "1", paramLabel = "KERNEL.json", description = "real capture (results/<run>/trace.json of fputsim kernel run --trace)")
    Path kernel;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json", description = "the file to write; - is standard output")
    Path output;

    @Override
    public Integer call() {
        Outputs.checkWritable("--output", output);
        if (Outputs.isStdio(model) && Outputs.isStdio(kernel)) {
            throw new UsageError("only one of MODEL.json and KERNEL.json can be - (standard input)");
        }
        JsonNode m = read(model);
        JsonNode k = read(kernel);
        long am = anchor(m, model);
        long ak = anchor(k, kernel);
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
        java.io.PrintWriter note = Outputs.isStdio(output) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        note.println("overlay: " + output + " (model as process 1, kernel as process 2, aligned at " + at + " us)");
        note.flush();
        return ExitCodes.OK;
    }

    private static JsonNode read(Path p) {
        JsonNode n;
        try {
            n = JsonOutput.MAPPER.readTree(Outputs.read(p));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageError("cannot read " + name(p) + " as JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UsageError("cannot read " + name(p) + ": " + Outputs.reason(e));
        }
        if (n == null || !n.path("traceEvents").isArray()) {
            throw new UsageError(name(p) + " is not a Chrome Trace Event file (no traceEvents array)");
        }
        int i = 0;
        for (JsonNode e : n.path("traceEvents")) {
            if (!e.isObject()) {
                throw new UsageError(name(p) + ": traceEvents[" + i + "] is not an event object (got " + e.getNodeType().toString().toLowerCase() + ")");
            }
            if (e.has("ts") && !e.get("ts").isNumber()) {
                throw new UsageError(name(p) + ": traceEvents[" + i + "].ts is not a number (got " + e.get("ts") + ")");
            }
            i++;
        }
        return n;
    }

    private static String name(Path p) {
        return Outputs.isStdio(p) ? "standard input" : p.toString();
    }

    /** otherData.anchor_us: absent is 0; anything but whole microseconds is refused. */
    private static long anchor(JsonNode n, Path p) {
        JsonNode a = n.path("otherData").path("anchor_us");
        if (a.isMissingNode() || a.isNull()) {
            return 0;
        }
        String t = a.isNumber() ? a.asText() : a.isTextual() ? a.textValue() : "";
        if (!t.matches("[0-9]{1,15}")) {
            throw new UsageError(name(p) + ": otherData.anchor_us is not whole microseconds (got " + a + ")");
        }
        return Long.parseLong(t);
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
