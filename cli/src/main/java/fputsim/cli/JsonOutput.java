package fputsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;

import java.nio.file.Path;

/** The versioned JSON documents of check and compare (schemas in docs/json/). */
final class JsonOutput {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static void checkWritable(Path p) {
        Outputs.checkWritable("the output", p);
    }

    static ObjectNode result(ModelFactory f, ModelCheck.Result r, ExploreOptions x) {
        ObjectNode o = MAPPER.createObjectNode();
        Exploration e = r.exploration();
        o.put("scenario", f.scenario().key());
        o.put("config", f.config().id());
        o.put("variant", f.variant().name());
        o.put("kernel", f.variant().kernelVersion());
        o.put("strategy", e.strategy());
        o.put("exhaustive", e.exhaustive());
        o.put("completeness", e.completeness().label());
        ArrayNode why = o.putArray("why");
        e.completeness().why().forEach(why::add);
        if (e.completeness().caveat() != null) {
            o.put("caveat", e.completeness().caveat());
        }
        if (r.guarantee() != null) {
            o.put("guarantee", r.guarantee());
        }
        ObjectNode b = o.putObject("bounds");
        b.put("maxSteps", e.bounds().maxSteps());
        b.put("maxSchedules", e.bounds().maxSchedules());
        b.put("timeLimitMs", e.bounds().timeLimitNanos() / 1_000_000);
        b.put("stopOnViolation", e.bounds().stopOnViolation());
        if (x.preemptionBound != null) {
            b.put("preemptionBound", x.preemptionBound);
        }
        b.put("seed", x.seed);
        ObjectNode s = o.putObject("stats");
        s.put("schedules", e.stats().schedules());
        s.put("pruned", e.stats().pruned());
        s.put("steps", e.stats().steps());
        s.put("distinctEndStates", e.stats().distinctEndStates());
        s.put("maxDepth", e.stats().maxDepth());
        s.put("elapsedMs", e.stats().elapsedNanos() / 1_000_000);
        s.put("exhaustive", e.exhaustive());
        if (e.stopped() != null) {
            s.put("stopped", e.stopped());
        }
        ArrayNode obs = o.putArray("observations");
        for (Tally t : e.tallies()) {
            ObjectNode n = obs.addObject();
            n.put("property", t.property());
            n.put("outcome", t.outcome());
            n.put("verdict", e.verdictWord(t));
            n.put("violating", t.violating());
            n.put("total", t.total());
        }
        ArrayNode vs = o.putArray("violations");
        for (ModelCheck.Witness w : r.witnesses()) {
            ObjectNode n = vs.addObject();
            n.put("property", w.tally().property());
            n.put("outcome", w.tally().outcome());
            n.put("token", w.token().encode());
            n.put("steps", w.shrunk().steps());
            n.put("preemptions", w.shrunk().preemptions());
        }
        return o;
    }

    static void writeCheck(Path p, ModelCheck.Result r, ExploreOptions x) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schema", "fputsim-check/1");
        doc.put("fputsim", VersionProvider.VERSION);
        doc.put("model", KernelVersion.MODEL);
        doc.setAll(result(r.factory(), r, x));
        write(p, doc);
    }

    static void writeCompare(Path p, java.util.List<ModelCheck.Result> results, ExploreOptions x, CompareCommand.Outcome outcome,
                             fputsim.model.scenario.ScenarioConfig config, AutoSize.Choice<?> size) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schema", "fputsim-compare/1");
        doc.put("fputsim", VersionProvider.VERSION);
        doc.put("model", KernelVersion.MODEL);
        doc.put("result", outcome.key());
        doc.put("resultLine", outcome.line());
        doc.put("exitCode", outcome.code());
        doc.set("size", size(config, size));
        ArrayNode rows = doc.putArray("variants");
        for (ModelCheck.Result r : results) {
            rows.add(result(r.factory(), r, x));
        }
        write(p, doc);
    }

    /**
     * The model size used: given, or chosen automatically (then with the budget, every size tried
     * and the line printed), so that a replay can pass the same --jobs and --iodepth.
     */
    static ObjectNode size(fputsim.model.scenario.ScenarioConfig config, AutoSize.Choice<?> size) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jobs", config.jobs());
        n.put("iodepth", config.iodepth());
        n.put("automatic", size != null);
        if (size != null) {
            n.put("budgetNanos", size.budget().nanos());
            if (size.budget().schedules() < Long.MAX_VALUE) {
                n.put("budgetSchedules", size.budget().schedules());
            }
            n.put("line", size.line("--jobs", "--iodepth"));
            ArrayNode tried = n.putArray("tried");
            for (AutoSize.Attempt a : size.attempts()) {
                ObjectNode t = tried.addObject();
                t.put("jobs", a.jobs());
                t.put("iodepth", a.iodepth());
                t.put("finished", a.finished());
                t.put("schedules", a.schedules());
                t.put("elapsedNanos", a.nanos());
                if (!a.finished()) {
                    t.put("cut", a.cut());
                }
            }
        }
        return n;
    }

    static void write(Path p, ObjectNode doc) {
        Outputs.write(p, o -> MAPPER.writeValue(o, doc));
    }
}
