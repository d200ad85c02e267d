package fputsim.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fputsim.explore.ReplayToken;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@code fputsim serve}'s HTTP server (the JDK's com.sun.net.httpserver), on the loopback address
 * only: one self-contained page and JSON endpoints. It keeps no schedule of its own: every request
 * carries the model's program id and the decisions so far, and the answer is computed by
 * replaying them on a fresh kernel. Bad requests get a 4xx and one line; nothing reaches the page
 * as a stack trace.
 */
public final class ServeServer {
    /** What the server offers: the initial model, how variant names resolve, and the search budgets. */
    public record Options(ModelFactory initial, Function<String, Variant> variants, List<String> extraVariants,
                          int maxSteps, Search.Budget hintBudget, Search.Budget verdictBudget,
                          java.util.function.LongSupplier ticker) {
        public static Options of(ModelFactory initial, Function<String, Variant> variants, List<String> extraVariants, int maxSteps) {
            return new Options(initial, variants, extraVariants, maxSteps,
                    new Search.Budget(50_000, 20_000_000_000L), new Search.Budget(500_000, 60_000_000_000L), System::nanoTime);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final Options options;
    private final Search search;
    private final Map<String, ObjectNode> verdicts = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService pool;

    public ServeServer(Options options) {
        this.options = options;
        this.search = new Search(options.ticker());
    }

    /** Binds 127.0.0.1:{@code port} (0: a free port) and starts serving; returns the port. */
    public int start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fputsim-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            if (!hostAllowed(x)) {
                throw new BadRequest(403, "only requests to this machine's loopback address are served");
            }
            if (path.equals("/") || path.equals("/index.html")) {
                requireMethod(x, "GET");
                send(x, 200, "text/html; charset=utf-8", page());
                return;
            }
            if (!path.startsWith("/api/")) {
                throw new BadRequest(404, "no such page: " + path);
            }
            ObjectNode answer = switch (path) {
                case "/api/catalog" -> {
                    requireMethod(x, "GET");
                    yield catalog();
                }
                case "/api/state" -> state(body(x));
                case "/api/step" -> step(body(x));
                case "/api/hint" -> hint(body(x));
                case "/api/verdict" -> verdict(body(x));
                case "/api/load" -> load(body(x));
                default -> throw new BadRequest(404, "no such endpoint: " + path);
            };
            send(x, 200, "application/json", JSON.writeValueAsBytes(answer));
        } catch (BadRequest e) {
            error(x, e.status, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("fputsim serve: internal error: " + e);
            error(x, 500, "internal error: " + e);
        } finally {
            x.close();
        }
    }

    /**
     * Refuses a Host header that names another machine (a page elsewhere rebinding its name to
     * 127.0.0.1), and a request sent by a page of another origin.
     */
    private static boolean hostAllowed(HttpExchange x) {
        String host = x.getRequestHeaders().getFirst("Host");
        if (host != null && !loopbackName(host)) {
            return false;
        }
        String origin = x.getRequestHeaders().getFirst("Origin");
        return origin == null || (origin.startsWith("http://") && loopbackName(origin.substring("http://".length())));
    }

    private static boolean loopbackName(String hostPort) {
        String h = hostPort.replaceFirst(":\\d+$", "");
        return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]");
    }

    private static void requireMethod(HttpExchange x, String method) {
        if (!x.getRequestMethod().equals(method)) {
            throw new BadRequest(405, x.getRequestURI().getPath() + " takes " + method);
        }
    }

    private static JsonNode body(HttpExchange x) throws IOException {
        requireMethod(x, "POST");
        byte[] b;
        try (InputStream in = x.getRequestBody()) {
            b = in.readNBytes(MAX_BODY + 1);
        }
        if (b.length > MAX_BODY) {
            throw new BadRequest(413, "request too large");
        }
        try {
            JsonNode n = JSON.readTree(b);
            if (n == null || !n.isObject()) {
                throw BadRequest.bad("the request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw BadRequest.bad("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", message.lines().findFirst().orElse("error"));
        e.put("status", status);
        send(x, status, "application/json", JSON.writeValueAsBytes(e));
    }

    private static byte[] page() throws IOException {
        try (InputStream in = ServeServer.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("page.html is missing from the jar");
            }
            return in.readAllBytes();
        }
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
                    + " ways to go on found none. Undo, or try another order.");
        } else {
            o.put("message", "No way to the goal found in " + h.schedules() + " schedules, but the search was not exhaustive ("
                    + h.completeness().describe() + "): this is not a proof.");
        }
        return o;
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
                msg = "The exhaustive search of all " + v.total() + " schedules found no way: on " + p.factory.variant().name()
                        + " the goal cannot be reached (in the model).";
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
