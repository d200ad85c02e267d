package fputsim.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import fputsim.cli.Main;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real browser test of {@code fputsim serve}: headless Chromium (Debian's package;
 * docs/install-chromium.sh), driven over the DevTools protocol, plays scenario 03 on
 * baseline-6.18 at 1 job x iodepth 1 by clicking actors (mouse events, and a number key) until
 * the goal is reached; the token the page shows replays with the CLI's replay to the same EBUSY;
 * the same clicks on exit-cancel-2026 do not reach it, and the page says the exhaustive search
 * found no way. Bad input shows an error on the page. Screenshots at 1280x800 and 390x844 go to
 * target/serve-screenshots. Skips with one line when Chromium is missing.
 */
class ServePageChromiumTest {
    static final String CONFIG = "jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring";

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** The actors of check's shrunk witness, in order: the clicks that reach EBUSY. */
    static String checkToken;

    static List<String> witnessClicks() {
        Run check = cli("check", "--scenario", "03", "--jobs", "1", "--iodepth", "1", "--quiet");
        assertThat(check.code()).as(check.err()).isEqualTo(1);
        Matcher m = Pattern.compile("token: +(FPS1:\\S+)").matcher(check.out());
        assertThat(m.find()).isTrue();
        checkToken = m.group(1);
        ReplayToken t = ReplayToken.decode(checkToken);
        ModelFactory f = ModelFactory.fromId(t.programId(), Variants::find);
        Replay.Replayed<Kernel> r = Replay.run(f, t);
        List<String> names = new ArrayList<>();
        for (int d : t.decisions()) {
            names.add(r.program().actors().get(d).name()); // the model takes no data choices: every decision is an actor
        }
        return names;
    }

    @Test
    void page_clickedToEbusyOnBaseline_tokenReplaysAndTheFixResists(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Cdp.CHROMIUM), "not run: chromium is not installed (bash docs/install-chromium.sh)");
        List<String> clicks = witnessClicks();
        ModelFactory initial = new ModelFactory(fputsim.model.scenario.Scenarios.find("03"), ScenarioConfig.parse(CONFIG), Variants.find("baseline-6.18"));
        ServeServer server = new ServeServer(ServeServer.Options.of(initial, Variants::find, List.of(), 2000));
        int port = server.start(0);
        Path shots = Path.of("target", "serve-screenshots");
        Files.createDirectories(shots);
        try (Cdp page = Cdp.launch(dir.resolve("profile"), 1280, 800)) {
            page.navigate("http://127.0.0.1:" + port + "/");
            page.waitFor("document.querySelector('.actor[data-actor]') && document.body.dataset.busy === 'false'", "the first actors");
            assertThat(page.eval("document.getElementById('goal').textContent").asText()).contains("Make umount(2) return -EBUSY after wait() returned");
            Files.write(shots.resolve("serve-start-1280x800.png"), page.screenshot(1280, 800, false));

            // baseline-6.18: the witness's clicks, the first by its number key, reach the goal
            play(page, clicks, true);
            JsonNode status = page.eval("({reached: document.getElementById('status').dataset.reached, text: document.getElementById('status').textContent})");
            assertThat(status.get("reached").asText()).as(status.toString()).isEqualTo("true");
            assertThat(page.eval("document.querySelector('#steps li.goal') !== null").asBoolean()).isTrue();
            page.eval("window.scrollTo(0, 0)");
            Files.write(shots.resolve("serve-1280x800.png"), page.screenshot(1280, 800, false));
            Files.write(shots.resolve("serve-390x844.png"), page.screenshot(390, 844, true));
            assertThat(page.eval("document.documentElement.scrollWidth <= 390").asBoolean()).as("no sideways scrolling at phone width").isTrue();
            page.screenshot(1280, 800, false);

            // the token the page shows replays, with fputsim replay, to the same EBUSY
            String command = page.eval("document.getElementById('token').value").asText();
            assertThat(command).startsWith("./fputsim replay FPS1:");
            Run replay = cli("replay", command.substring("./fputsim replay ".length()));
            assertThat(replay.code()).as(replay.err()).isEqualTo(1);
            assertThat(replay.out()).contains("sys_exit_umount: target=/mnt ret=-16", "# violated: UmountNotBusyAfterReap");

            // u undoes the step that reached the goal, r redoes it
            int steps = page.eval("ui.steps.length").asInt();
            page.key("u");
            page.waitFor("ui.steps.length === " + (steps - 1) + " && document.body.dataset.busy === 'false'", "undo");
            page.key("r");
            page.waitFor("ui.steps.length === " + steps + " && document.getElementById('status').dataset.reached === 'true'", "redo");

            // a malformed token: a 400 and a message on the page, no stack trace
            page.eval("document.getElementById('loadtoken').value = 'FPS1:not-a-token'");
            page.click("#load");
            page.waitFor("document.getElementById('message').dataset.kind === 'error'", "the error message");
            String error = page.eval("document.getElementById('message').textContent").asText();
            assertThat(error).startsWith("400: ").contains("not a replay token").doesNotContain("Exception", "\tat ");

            // exit-cancel-2026: the same clicks (where an actor cannot run, the first one that can) never reach it
            page.eval("document.getElementById('variant').value = 'exit-cancel-2026'");
            page.click("#start");
            page.waitFor("ui.state.model.variant === 'exit-cancel-2026' && ui.steps.length === 0 && document.body.dataset.busy === 'false'", "the fix's first state");
            assertThat(page.eval("document.getElementById('goal').textContent").asText()).contains("Try to make umount(2) return -EBUSY after wait() returned on exit-cancel-2026");
            play(page, clicks, false);
            JsonNode end = page.eval("({reached: document.getElementById('status').dataset.reached, ending: ui.state.ending, umount: ui.state.umount})");
            assertThat(end.get("reached").asText()).as(end.toString()).isEqualTo("false");
            assertThat(end.get("ending").asText()).isEqualTo("quiescent");
            assertThat(end.get("umount").toString()).isEqualTo("[0]");
            page.click("#reveal");
            page.waitFor("document.getElementById('message').dataset.kind === 'verdict' && document.getElementById('message').textContent.includes('Observation')", "the verdict");
            assertThat(page.eval("document.getElementById('message').textContent").asText()).contains("exhaustive search of all", "found no way",
                    "Observation umount-busy-after-reap Never");
            page.eval("window.scrollTo(0, 0)");
            Files.write(shots.resolve("serve-fix-1280x800.png"), page.screenshot(1280, 800, false));

            // a token from check loads with every step; a click on step 10 moves there, the rest stays to redo
            page.eval("document.getElementById('loadtoken').value = " + quote(checkToken));
            page.click("#load");
            page.waitFor("ui.state.model.variant === 'baseline-6.18' && ui.steps.length === " + clicks.size()
                    + " && document.getElementById('status').dataset.reached === 'true'", "the loaded token");
            assertThat(page.eval("document.getElementById('variant').value").asText()).isEqualTo("baseline-6.18");
            page.click("#steps li[data-step=\"10\"]");
            page.waitFor("ui.steps.length === 10 && ui.future.length === " + (clicks.size() - 10) + " && document.body.dataset.busy === 'false'", "step 10");
            assertThat(page.eval("document.getElementById('status').dataset.reached").asText()).isEqualTo("false");
        } finally {
            server.stop();
        }
    }

    /** Clicks the actors named by {@code clicks}; with {@code strict}, each must be runnable. Then, unless the goal is reached, runs on to the end. */
    private static void play(Cdp page, List<String> clicks, boolean strict) throws Exception {
        int n = 0;
        for (String name : clicks) {
            if (page.eval("document.getElementById('status').dataset.reached === 'true' || ui.state.ending !== 'running'").asBoolean()) {
                break;
            }
            String sel = ".actor[data-actor=\"" + name + "\"]";
            boolean runnable = page.eval("document.querySelector(" + quote(sel) + ") !== null").asBoolean();
            if (strict) {
                assertThat(runnable).as(name + " runnable at step " + (n + 1)).isTrue();
            }
            if (n == 0 && runnable) {
                page.key(page.eval("document.querySelector(" + quote(sel) + ").dataset.key").asText()); // a number key runs it
            } else {
                page.click(runnable ? sel : ".actor[data-actor]");
            }
            n++;
            int expect = n;
            page.waitFor("ui.steps.length === " + expect + " && document.body.dataset.busy === 'false'", "step " + expect);
        }
        while (!strict && page.eval("ui.state.ending === 'running'").asBoolean() && n < 1000) {
            page.click(".actor[data-actor]");
            n++;
            int expect = n;
            page.waitFor("ui.steps.length === " + expect + " && document.body.dataset.busy === 'false'", "step " + expect);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
