package fputsim.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's endpoints over loopback HTTP (the JDK's client), as the page and a script use them. */
class ServeServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "03/" + ServePageChromiumTest.CONFIG + "/";
    static final String BASELINE = BASE + "baseline-6.18";
    static final String FIX = BASE + "exit-cancel-2026";
    static ServeServer server;
    static String url;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body, String text) {
    }

    @BeforeAll
    static void start() throws Exception {
        ModelFactory f = new ModelFactory(Scenarios.find("03"), ScenarioConfig.parse(ServePageChromiumTest.CONFIG), Variants.find("baseline-6.18"));
        server = new ServeServer(ServeServer.Options.of(f, Variants::find, List.of(), 2000));
        url = "http://127.0.0.1:" + server.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Answer get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
        return answer(r);
    }

    static Answer post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return answer(r);
    }

    static Answer post(String path, ObjectNode body) throws Exception {
        return post(path, JSON.writeValueAsString(body));
    }

    private static Answer answer(HttpResponse<String> r) throws Exception {
        String type = r.headers().firstValue("Content-Type").orElse("");
        return new Answer(r.statusCode(), type.startsWith("application/json") ? JSON.readTree(r.body()) : null, r.body());
    }

    static ObjectNode req(String model, int... decisions) {
        ObjectNode o = JSON.createObjectNode().put("model", model);
        ArrayNode d = o.putArray("decisions");
        for (int x : decisions) {
            d.add(x);
        }
        return o;
    }

    static int[] decisions(JsonNode state) {
        int[] d = new int[state.get("decisions").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = state.get("decisions").get(i).asInt();
        }
        return d;
    }

    static String runnable(JsonNode state, int n) {
        int k = 0;
        for (JsonNode a : state.get("actors")) {
            if (a.get("status").asText().equals("runnable") && k++ == n) {
                return a.get("name").asText();
            }
        }
        return null;
    }

    @Test
    void server_listensOnLoopbackOnly() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void page_isOneSelfContainedFile() throws Exception {
        Answer a = get("/");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).contains("<title>fputsim serve", "Be the scheduler", "<script>", "<style>")
                .doesNotContain("src=\"http", "href=\"http", "@import", "url(", "<link ");
    }

    @Test
    void catalog_hasTheListsOfFputsimList() throws Exception {
        Answer a = get("/api/catalog");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("scenarios")).hasSize(Scenarios.all().size());
        assertThat(a.body().get("variants").findValuesAsText("name")).containsExactlyElementsOf(Variants.names());
        assertThat(a.body().at("/initial/id").asText()).isEqualTo(BASELINE);
    }

    @Test
    void state_atTheStart_listsRunnableActorsWithTheirNextStep() throws Exception {
        Answer a = post("/api/state", req(BASELINE));
        assertThat(a.status()).isEqualTo(200);
        JsonNode s = a.body();
        assertThat(s.get("step").asInt()).isZero();
        assertThat(s.get("reached").asBoolean()).isFalse();
        JsonNode bash = null;
        for (JsonNode x : s.get("actors")) {
            if (x.get("name").asText().equals("bash-99")) {
                bash = x;
            }
        }
        assertThat(bash).isNotNull();
        assertThat(bash.get("status").asText()).isEqualTo("runnable");
        assertThat(bash.get("next").toString()).contains("signal_generate: sig=9 pid=100");
        assertThat(s.get("ledger").toString()).contains("\"object\":\"/mnt\"", "\"holder\":\"req ring0.0\"");
        assertThat(s.at("/model/goal/text").asText()).isEqualTo("Make umount(2) return -EBUSY after wait() returned.");
        assertThat(s.get("token").asText()).startsWith("FPS1:" + fputsim.model.KernelVersion.MODEL + ":" + BASELINE + ":serve:");
    }

    @Test
    void step_advancesOneStep_andTheHintsLeadToTheGoal_whoseTokenReplaysToEbusy() throws Exception {
        JsonNode s = post("/api/state", req(BASELINE)).body();
        int guard = 0;
        while (!s.get("reached").asBoolean() && guard++ < 200) {
            Answer h = post("/api/hint", req(BASELINE, decisions(s)));
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.body().get("found").asBoolean()).as(h.body().toString()).isTrue();
            assertThat(h.body().get("exhaustive").asBoolean()).isTrue();
            int before = s.get("step").asInt();
            ObjectNode step = req(BASELINE, decisions(s)).put("step", before).put("actor", h.body().get("actor").asText());
            s = post("/api/step", step).body();
            assertThat(s.get("step").asInt()).isEqualTo(before + 1);
        }
        assertThat(s.get("reached").asBoolean()).isTrue();
        ServePageChromiumTest.Run replay = ServePageChromiumTest.cli("replay", s.get("token").asText());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.out()).contains("ret=-16", "# violated: UmountNotBusyAfterReap at step " + s.get("reachedAt").asInt());
    }

    @Test
    void hint_onTheFix_saysNoWayOnlyAfterAnExhaustiveSearch() throws Exception {
        Answer h = post("/api/hint", req(FIX));
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.body().get("found").asBoolean()).isFalse();
        assertThat(h.body().get("exhaustive").asBoolean()).isTrue();
        assertThat(h.body().get("message").asText()).contains("no schedule reaches the goal", "the exhaustive search of the").doesNotContain("DPOR");
        assertThat(post("/api/state", req(FIX)).body().at("/model/goal/text").asText())
                .isEqualTo("Try to make umount(2) return -EBUSY after wait() returned on exit-cancel-2026 (the patch says you cannot).");
    }

    @Test
    void verdict_isNeverOnlyWhenExhaustive() throws Exception {
        JsonNode v = post("/api/verdict", req(FIX)).body();
        assertThat(v.get("verdict").asText()).isEqualTo("Never");
        assertThat(v.get("exhaustive").asBoolean()).isTrue();
        assertThat(v.get("message").asText()).contains("exhaustive search of all", "found no way: on exit-cancel-2026 the goal cannot be reached").doesNotContain("DPOR");
        JsonNode b = post("/api/verdict", req(BASELINE)).body();
        assertThat(b.get("verdict").asText()).isEqualTo("Sometimes");
        JsonNode naive = post("/api/verdict", req(BASE + "release-wait-naive")).body();
        assertThat(naive.get("verdict").asText()).isEqualTo("Never");
        assertThat(naive.get("message").asText()).contains("found no way", "But other properties fail: Observation exit-hangs Sometimes"); // Sometimes since finding 4: the killed task may run every completion itself (io_cqring_wait)

        ModelFactory f = new ModelFactory(Scenarios.find("03"), ScenarioConfig.parse(ServePageChromiumTest.CONFIG), Variants.find("exit-cancel-2026"));
        ServeServer small = new ServeServer(new ServeServer.Options(f, Variants::find, List.of(), 2000,
                new Search.Budget(1, 0), new Search.Budget(1, 0), () -> 0L));
        try {
            int port = small.start(0);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/verdict"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req(FIX)))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode cut = JSON.readTree(r.body());
            assertThat(cut.get("verdict").asText()).isEqualTo("Unseen");
            assertThat(cut.get("exhaustive").asBoolean()).isFalse();
            assertThat(cut.get("message").asText()).contains("not exhaustive", "not a proof").doesNotContain("found no way");
            HttpResponse<String> hr = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hint"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req(FIX)))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(hr.body()).get("message").asText()).contains("not exhaustive", "not a proof");
        } finally {
            small.stop();
        }
    }

    @Test
    void load_aTokenFromCheck_givesEveryStep() throws Exception {
        ServePageChromiumTest.Run check = ServePageChromiumTest.cli("check", "--jobs", "1", "--iodepth", "1", "--quiet");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("token: +(FPS1:\\S+)").matcher(check.out());
        assertThat(m.find()).isTrue();
        Answer a = post("/api/load", JSON.createObjectNode().put("token", m.group(1)));
        assertThat(a.status()).isEqualTo(200);
        int n = a.body().get("steps").size();
        assertThat(n).isEqualTo(a.body().get("decisions").size()).isGreaterThan(10);
        JsonNode end = post("/api/state", req(BASELINE, decisions(a.body()))).body();
        assertThat(end.get("reached").asBoolean()).isTrue();
        assertThat(end.get("ending").asText()).isEqualTo("quiescent");
        assertThat(fputsim.explore.ReplayToken.decode(end.get("token").asText()).decisions())
                .containsExactly(fputsim.explore.ReplayToken.decode(m.group(1)).decisions());
    }

    @Test
    void step_takingADataChoice_asksForItAndRecordsIt() throws Exception {
        String id = BASE + "choosy";
        ModelFactory f = ModelFactory.fromId(id, n -> n.equals("choosy") ? new ChoosyVariant() : Variants.find(n));
        ServeServer choosy = new ServeServer(ServeServer.Options.of(f, n -> n.equals("choosy") ? new ChoosyVariant() : Variants.find(n), List.of("choosy"), 2000));
        String saved = url;
        try {
            url = "http://127.0.0.1:" + choosy.start(0);
            JsonNode s = post("/api/state", req(id)).body();
            String asking = null;
            for (int guard = 0; asking == null && guard < 200 && s.get("ending").asText().equals("running"); guard++) {
                for (JsonNode a : s.get("actors")) {
                    if (a.has("choice")) {
                        asking = a.get("name").asText();
                        assertThat(a.get("choice").asInt()).isEqualTo(2);
                    }
                }
                if (asking == null) {
                    s = post("/api/step", req(id, decisions(s)).put("step", s.get("step").asInt()).put("actor", runnable(s, 0))).body();
                }
            }
            assertThat(asking).as("some step calls fput").isNotNull();
            int step = s.get("step").asInt();
            JsonNode ask = post("/api/step", req(id, decisions(s)).put("step", step).put("actor", asking)).body();
            assertThat(ask.at("/choice/bound").asInt()).isEqualTo(2);
            assertThat(ask.get("step").asInt()).isEqualTo(step);
            ObjectNode tooMany = req(id, decisions(s)).put("step", step).put("actor", asking);
            tooMany.putArray("values").add(0).add(0);
            assertBad(post("/api/step", tooMany), 400, "fewer data choices than given");
            ObjectNode one = req(id, decisions(s)).put("step", step).put("actor", asking);
            one.putArray("values").add(1);
            JsonNode after = post("/api/step", one).body();
            assertThat(after.get("step").asInt()).isEqualTo(step + 1);
            JsonNode last = after.get("steps").get(step);
            assertThat(last.get("name").asText()).isEqualTo(asking);
            assertThat(last.get("values").toString()).isEqualTo("[1]");
            assertThat(after.get("decisions").size()).isEqualTo(decisions(s).length + 2);
        } finally {
            url = saved;
            choosy.stop();
        }
    }

    @Test
    void badRequests_get4xxAndOneLine() throws Exception {
        JsonNode s = post("/api/state", req(BASELINE)).body();
        String bash = "bash-99";
        assertBad(post("/api/step", req(BASELINE).put("step", 0).put("actor", "nobody-1")), 400, "unknown actor 'nobody-1'");
        assertBad(post("/api/step", req(BASELINE).put("step", 5).put("actor", bash)), 409, "stale step");
        assertBad(post("/api/step", req(BASELINE).put("step", 0).put("actor", "fio-100")), 409, "fio-100 cannot run at step 1: it is blocked");
        assertBad(post("/api/state", req(BASELINE, 99, 99)), 409, "stale schedule");
        assertBad(post("/api/load", JSON.createObjectNode().put("token", "FPS1:x:y")), 400, "not a replay token");
        String token = s.get("token").asText();
        String corrupt = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        assertBad(post("/api/load", JSON.createObjectNode().put("token", corrupt)), 400, "corrupt");
        assertBad(post("/api/state", req("03/jobs=1/no-such-variant")), 400, "unknown variant no-such-variant");
        assertBad(post("/api/state", req("03/jobs=99/baseline-6.18")), 400, "jobs must be in 1..16");
        assertBad(post("/api/state", "{\"model\":"), 400, "not JSON");
        assertBad(post("/api/state", "[1]"), 400, "JSON object");
        assertBad(post("/api/state", JSON.createObjectNode().put("model", BASELINE).put("decisions", "x")), 400, "decisions");
        assertBad(post("/api/nothing", "{}"), 404, "no such endpoint");
        assertBad(get("/api/state"), 405, "takes POST");
    }

    @Test
    void request_namingAnotherHost_isRefused() throws Exception {
        try (Socket so = new Socket(server.address().getAddress(), server.address().getPort())) {
            OutputStream o = so.getOutputStream();
            o.write("GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = so.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 403");
        }
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/catalog")).header("Origin", "https://attacker.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    private static void assertBad(Answer a, int status, String message) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().get("error").asText()).contains(message).doesNotContain("Exception", "\tat ");
    }
}
