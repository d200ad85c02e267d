package fputsim.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fputsim.explore.ReplayToken;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of the JSON endpoints, each computed from the request alone (the model's program
 * id and the decisions so far) by replaying on fresh kernels; only the whole-model verdicts are
 * cached. A request that is wrong throws {@link BadRequest}.
 */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeServer.Options options;
    private final Search search;
    private final Map<String, ObjectNode> verdicts = new ConcurrentHashMap<>();

    Answers(ServeServer.Options options) {
        this.options = options;
        this.search = new Search(options.ticker());
    }

    ObjectNode catalog() {
        ObjectNode c = JSON.createObjectNode();
        c.put("modelVersion", KernelVersion.MODEL);
        ArrayNode sc = c.putArray("scenarios");
        for (Scenario s : Scenarios.all()) {
            ObjectNode n = sc.addObject();
            n.put("number", s.number());
            n.put("name", s.name());
            n.put("story", s.story());
            n.put("defaults", s.defaults().id());
        }
        ArrayNode vs = c.putArray("variants");
        for (Variant v : Variants.all()) {
            ObjectNode n = vs.addObject();
            n.put("name", v.name());
            n.put("summary", v.summary());
        }
        for (String name : options.extraVariants()) {
            Variant v = options.variants().apply(name);
            ObjectNode n = vs.addObject();
            n.put("name", v.name());
            n.put("summary", v.summary() + " (--variant-class " + v.getClass().getName() + ")");
        }
        ArrayNode ps = c.putArray("properties");
        for (KernelProperty p : KernelProperty.all()) {
            ObjectNode n = ps.addObject();
            n.put("name", p.name());
            n.put("outcome", p.outcome());
            n.put("description", p.description());
        }
        c.set("initial", Views.model(play(options.initial().id(), options.maxSteps())));
        return c;
    }

    /** The model a request names by program id (scenario/config/variant), as tokens do. */
    Play play(JsonNode req) {
        JsonNode m = req.get("model");
        if (m == null || !m.isTextual()) {
            throw BadRequest.bad("missing \"model\" (a program id such as 03/jobs=1,iodepth=1/baseline-6.18)");
        }
        int maxSteps = req.has("maxSteps") ? req.get("maxSteps").asInt(-1) : options.maxSteps();
        if (maxSteps < 1 || maxSteps > 100_000) {
            throw BadRequest.bad("maxSteps must be in 1..100000");
        }
        return play(m.asText(), maxSteps);
    }

    private Play play(String id, int maxSteps) {
        try {
            return new Play(ModelFactory.fromId(id, options.variants()), maxSteps);
        } catch (IllegalArgumentException | fputsim.cli.UsageError e) {
            throw BadRequest.bad(e.getMessage());
        }
    }

    static int[] decisions(JsonNode req) {
        JsonNode d = req.get("decisions");
        if (d == null) {
            return new int[0];
        }
        if (!d.isArray() || d.size() > 100_000) {
            throw BadRequest.bad("\"decisions\" must be an array of small non-negative integers");
        }
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = d.get(i);
            if (!v.isInt() || v.asInt() < 0) {
                throw BadRequest.bad("\"decisions\" must be an array of small non-negative integers");
            }
            out[i] = v.asInt();
        }
        return out;
    }

    ObjectNode state(JsonNode req) {
        Play p = play(req);
        int[] d = decisions(req);
        return Views.state(p, d, p.at(d));
    }

    /**
     * Runs one step: {@code actor} (a name, as the page shows it) at step {@code step} (how many
     * steps the page believes were taken), with {@code values} for its data choices. When the step
     * needs a value the request did not give, the state is returned unchanged with {@code choice}.
     */
    ObjectNode step(JsonNode req) {
        Play p = play(req);
        int[] d = decisions(req);
        Play.At at = p.at(d);
        JsonNode stepNode = req.get("step");
        if (stepNode == null || !stepNode.isInt()) {
            throw BadRequest.bad("missing \"step\" (the number of steps taken so far)");
        }
        if (stepNode.asInt() != at.steps().size()) {
            throw BadRequest.conflict("stale step: the page says step " + stepNode.asInt() + ", the schedule has " + at.steps().size()
                    + " steps; reload the state");
        }
        JsonNode actorNode = req.get("actor");
        String name = actorNode == null ? "" : actorNode.asText();
        int id = -1;
        for (int i = 0; i < at.kernel().actors().size(); i++) {
            if (at.kernel().actors().get(i).name().equals(name)) {
                id = i;
            }
        }
        if (id < 0) {
            throw BadRequest.bad("unknown actor '" + name + "'");
        }
        int chosen = id;
        if (at.enabled() == null || java.util.Arrays.stream(at.enabled()).noneMatch(e -> e == chosen)) {
            throw BadRequest.conflict(name + " cannot run at step " + (at.steps().size() + 1)
                    + (at.enabled() == null ? ": the schedule has ended" : ": it is " + at.kernel().actors().get(id).status().name().toLowerCase(java.util.Locale.ROOT)));
        }
        int[] values = decisions(req.has("values") ? JSON.createObjectNode().set("decisions", req.get("values")) : JSON.createObjectNode());
        Play.Stepped s = p.step(d, id, values);
        if (s.choiceBound() > 0) {
            ObjectNode o = Views.state(p, d, at);
            ObjectNode ch = o.putObject("choice");
            ch.put("actor", name);
            ch.put("bound", s.choiceBound());
            ArrayNode given = ch.putArray("given");
            for (int v : values) {
                given.add(v);
            }
            return o;
        }
        return Views.state(p, s.decisions(), p.at(s.decisions()));
    }

    ObjectNode hint(JsonNode req) {
        Play p = play(req);
        int[] d = decisions(req);
        Play.At at = p.at(d);
        ObjectNode o = JSON.createObjectNode();
        if (at.finished()) {
            o.put("found", false);
            o.put("message", "The schedule has ended: undo some steps, or start again.");
            return o;
        }
        Search.Hint h = search.hint(p, d, at.steps().size(), options.hintBudget());
        o.put("found", h.found());
        o.put("exhaustive", h.completeness().exhaustive());
        o.put("schedules", h.schedules());
        o.put("search", h.completeness().describe());
        if (h.found()) {
            String name = at.kernel().actors().get(h.actor()).name();
            o.put("actor", name);
            ArrayNode vs = o.putArray("values");
            for (int v : h.values()) {
                vs.add(v);
            }
            o.put("stepsToGoal", h.stepsToGoal());
            o.put("message", "Run " + name + " next" + (h.values().length > 0 ? " (choice " + java.util.Arrays.toString(h.values()) + ")" : "")
                    + ": the shortest way found reaches the goal in " + h.stepsToGoal() + " more step" + (h.stepsToGoal() == 1 ? "" : "s")
                    + (h.completeness().exhaustive() ? "." : " (search " + h.completeness().describe() + ")."));
        } else if (h.completeness().exhaustive()) {
            o.put("message", "From here no schedule reaches the goal: the exhaustive search of the " + h.schedules()
                    + " ways to go on found none" + rests(h.completeness()) + ". Undo, or try another order.");
        } else {
            o.put("message", "No way to the goal found in " + h.schedules() + " schedules, but the search was not exhaustive ("
                    + h.completeness().describe() + "): this is not a proof.");
        }
        return o;
    }

    /** What an exhaustive search's "none" rests on besides running out (the stateful search's fingerprints), or nothing. */
    static String rests(fputsim.explore.Completeness c) {
        return c.caveat() == null ? "" : " (" + c.describe() + ")";
    }

    ObjectNode verdict(JsonNode req) {
        Play p = play(req);
        String key = p.factory.id() + "#" + p.maxSteps;
        return verdicts.computeIfAbsent(key, k -> {
            Search.Verdict v = search.verdict(p, options.verdictBudget());
            ObjectNode o = JSON.createObjectNode();
            o.put("verdict", v.word());
            o.put("violating", v.violating());
            o.put("total", v.total());
            o.put("exhaustive", v.completeness().exhaustive());
            o.put("search", v.completeness().describe());
            o.put("observation", "Observation " + p.goal.outcome() + " " + v.word() + " " + v.violating() + " " + (v.total() - v.violating()));
            String msg;
            if (v.violating() > 0) {
                msg = "The search found the goal in " + v.violating() + " of " + v.total() + " schedules" + (v.completeness().exhaustive() ? "" : " (" + v.completeness().describe() + ")")
                        + ": it can be done.";
            } else if (v.completeness().exhaustive()) {
                msg = "The exhaustive search of all " + v.total() + " schedules found no way" + rests(v.completeness()) + ": on "
                        + p.factory.variant().name() + " the goal cannot be reached (in the model).";
            } else {
                msg = "No way found in " + v.total() + " schedules, but the search was not exhaustive (" + v.completeness().describe()
                        + "): not a proof.";
            }
            if (!v.others().isEmpty()) {
                msg += " But other properties fail: " + String.join("; ", v.others()) + ".";
            }
            ArrayNode others = o.putArray("others");
            v.others().forEach(others::add);
            o.put("message", msg);
            return o;
        });
    }

    /** Loads a token (from check, or a page): its model and every step, to move through. */
    ObjectNode load(JsonNode req) {
        JsonNode t = req.get("token");
        if (t == null || !t.isTextual()) {
            throw BadRequest.bad("missing \"token\"");
        }
        ReplayToken token;
        try {
            token = ReplayToken.decode(t.asText());
            token.requireFits(KernelVersion.MODEL, token.programId());
        } catch (ReplayToken.Invalid e) {
            throw BadRequest.bad(e.getMessage());
        }
        Play p = play(token.programId(), token.maxSteps());
        Play.At at;
        try {
            at = p.at(token.decisions());
        } catch (BadRequest e) {
            throw BadRequest.bad("the token does not fit " + p.factory.id() + ": " + e.getMessage());
        }
        ObjectNode o = JSON.createObjectNode();
        o.set("model", Views.model(p));
        ArrayNode d = o.putArray("decisions");
        for (int x : token.decisions()) {
            d.add(x);
        }
        ArrayNode steps = o.putArray("steps");
        for (Play.Step s : at.steps()) {
            steps.add(Views.step(s));
        }
        return o;
    }
}
