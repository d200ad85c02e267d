package fputsim.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
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

    private final Answers answers;
    private HttpServer server;
    private ExecutorService pool;

    public ServeServer(Options options) {
        this.answers = new Answers(options);
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
                    yield answers.catalog();
                }
                case "/api/state" -> answers.state(body(x));
                case "/api/step" -> answers.step(body(x));
                case "/api/hint" -> answers.hint(body(x));
                case "/api/verdict" -> answers.verdict(body(x));
                case "/api/load" -> answers.load(body(x));
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
}
