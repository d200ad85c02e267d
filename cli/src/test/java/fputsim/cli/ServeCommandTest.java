package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve command: prints its loopback URL, serves a user's --variant-class, refuses bad ports, stops when told. */
class ServeCommandTest {
    @Test
    void serve_withVariantClass_printsTheUrlAndServesTheUsersVariant(@TempDir Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"));
        try (Stream<Path> s = Files.walk(ExampleVariantTest.EXAMPLES)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        try (URLClassLoader cl = new URLClassLoader(new URL[]{out.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(cl);
            Thread t = new Thread(() -> code.set(Main.run(new String[]{"serve", "--variant-class", "com.example.WaitForRingsThenFlush"},
                    new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))));
            t.start();
            Pattern url = Pattern.compile("fputsim serve: (http://127\\.0\\.0\\.1:\\d+/) \\(03/jobs=1,iodepth=1,\\S+/wait-for-rings-then-flush; Ctrl-C stops it\\)");
            long deadline = System.nanoTime() + 120_000_000_000L;
            Matcher m = url.matcher("");
            while (!(m = url.matcher(o.toString(StandardCharsets.UTF_8))).find() && t.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(m.find(0)).as(o + " / " + e).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            String catalog = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "api/catalog")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(catalog).contains("\"name\":\"wait-for-rings-then-flush\"", "--variant-class com.example.WaitForRingsThenFlush");
            String id = "03/jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring/wait-for-rings-then-flush";
            HttpResponse<String> verdict = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "api/verdict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + id + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(verdict.statusCode()).isEqualTo(200);
            assertThat(verdict.body()).contains("\"verdict\":\"Never\"", "\"exhaustive\":true");
            ServeCommand.stopRunning();
            t.join(120_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(code.get()).isEqualTo(ExitCodes.OK);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void serve_badOrTakenPort_isAUsageError() throws Exception {
        Cli bad = Cli.run("serve", "--port", "70000");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip()).isEqualTo("fputsim: --port must be in 0..65535, got 70000");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli busy = Cli.run("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(busy.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.err()).startsWith("fputsim: cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
        Cli unknown = Cli.run("serve", "--variant", "no-such");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void open_withoutXdgOpen_saysSo() {
        assertThat(ServeCommand.openBrowser("http://127.0.0.1:1/", "")).isEqualTo(
                "fputsim serve: --open: no xdg-open on this machine; open http://127.0.0.1:1/ yourself");
    }
}
