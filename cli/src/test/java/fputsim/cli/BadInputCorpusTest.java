package fputsim.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus (src/test/resources/fputsim/cli/bad-input.txt): every case ends with one
 * line on stderr that matches its pattern, its documented exit code, no stack trace, and no file
 * created or left half-written (the listed files, the case's folder and the working folder are
 * checked). Most cases run in-process; the few that need their own JVM (a small heap, a variant
 * whose thread cannot be stopped) run `java -cp <test classpath> fputsim.cli.Main` in a child.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/fputsim/cli/bad-input.txt");
    static final Path FIXTURES = Path.of("src/test/resources/fputsim/cli/bad-input").toAbsolutePath();

    /** One line of the corpus. */
    record Case(int line, String id, int exit, List<String> mode, List<String> absent, Pattern stderr, List<String> args) {
        boolean jvm() {
            return mode.contains("jvm");
        }

        String modeValue(String key) {
            return mode.stream().filter(m -> m.startsWith(key + "=")).map(m -> m.substring(key.length() + 1)).findFirst().orElse(null);
        }
    }

    /** The outcome of one run. */
    record Outcome(int code, String out, String err) {
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(" \\| ", 6);
            if (f.length != 6) {
                throw new IllegalStateException(CORPUS + ":" + (i + 1) + ": expected 6 fields, got " + f.length);
            }
            List<String> absent = f[3].strip().equals("-") ? List.of() : List.of(f[3].strip().split(","));
            cases.add(new Case(i + 1, f[0].strip(), Integer.parseInt(f[1].strip()), List.of(f[2].strip().split("\\s+")), absent,
                    Pattern.compile(f[4].strip()), words(f[5].strip())));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> badInput_everyCase_oneLineDocumentedExitNoFileLeft() throws IOException {
        List<Case> cases = corpus();
        assertThat(cases).as("corpus size").hasSizeGreaterThan(100);
        assertThat(cases.stream().map(Case::id).distinct().count()).as("unique ids").isEqualTo(cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + " (line " + c.line() + ")", () -> check(c)));
    }

    static void check(Case c) throws Exception {
        Path t = Files.createTempDirectory("fputsim-bad-");
        try {
            String touch = c.modeValue("touch");
            if (touch != null) {
                Files.writeString(t.resolve(touch), "x");
            }
            String mkdir = c.modeValue("mkdir");
            if (mkdir != null) {
                Files.createDirectory(t.resolve(mkdir));
            }
            List<String> before = listing(t);
            List<String> cwdBefore = listing1(Path.of("").toAbsolutePath());
            List<String> args = c.args().stream().map(a -> expand(a, t)).toList();
            String stdin = c.modeValue("stdin");
            Outcome o = c.jvm() ? child(c, args, t, stdin == null ? null : Path.of(expand(stdin, t)))
                    : inProcess(args, stdin == null ? null : Path.of(expand(stdin, t)));
            String why = c.id() + " " + args + "\nstdout: " + abbreviate(o.out()) + "\nstderr: " + o.err();
            assertThat(o.code()).as("exit code of " + why).isEqualTo(c.exit());
            String err = o.err().strip();
            assertThat(err.lines().count()).as("stderr lines of " + why).isEqualTo(1);
            assertThat(err).as("stderr of " + why).startsWith("fputsim: ").doesNotContain("Exception in", "\tat ");
            assertThat(c.stderr().matcher(err).find()).as("stderr of " + why + "\nmatches /" + c.stderr() + "/").isTrue();
            for (String a : c.absent()) {
                assertThat(Path.of(expand(a, t))).as("must not exist after " + why).doesNotExist();
            }
            assertThat(listing(t)).as("the case's folder after " + why).isEqualTo(before);
            assertThat(listing1(Path.of("").toAbsolutePath())).as("the working folder after " + why).isEqualTo(cwdBefore);
        } finally {
            deleteTree(t);
        }
    }

    static Outcome inProcess(List<String> args, Path stdin) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        InputStream old = Outputs.stdin;
        try (InputStream in = stdin == null ? InputStream.nullInputStream() : Files.newInputStream(stdin)) {
            Outputs.stdin = in;
            int code = Main.run(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            Outputs.stdin = old;
        }
    }

    /** The command in its own JVM (the test's classpath), working in the case's folder. */
    static Outcome child(Case c, List<String> args, Path dir, Path stdin) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String xmx = c.modeValue("xmx");
        if (xmx != null) {
            cmd.add("-Xmx" + xmx);
        }
        cmd.addAll(List.of("-cp", classpath(), "fputsim.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM would add a "Picked up" line
        pb.environment().remove("FPUTSIM_DEBUG");
        Path out = Files.createTempFile("fputsim-bad-out-", ".txt");
        Path err = Files.createTempFile("fputsim-bad-err-", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) { // a hang, not a timing: the watchdog stops loops within seconds
                p.destroyForcibly();
                throw new AssertionError(c.id() + ": still running after 10 minutes");
            }
            return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The test's classpath (Surefire's, not its manifest-only booter jar, when it says so). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static String expand(String a, Path t) {
        String token;
        try {
            token = Files.readString(ReportsCliTest.GOLDEN.resolve("canonical.token")).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return a.replace("@TOKEN", token).replace("@T", t.toString()).replace("@R", FIXTURES.toString());
    }

    /** Shell words: spaces separate, '...' and "..." quote ('' is an empty word). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                in = true;
            } else if (ch == ' ') {
                if (in) {
                    out.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(ch);
                in = true;
            }
        }
        if (in) {
            out.add(w.toString());
        }
        return out;
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : " " + size(p))).sorted().toList();
        }
    }

    static List<String> listing1(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
