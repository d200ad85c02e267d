package fputsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "Checked by" comment in every module's sources names things that exist, so that the pointers cannot
 * go stale (issue 19: nine named IoUringTest or a workqueue test that did not exist). A name is checked when it
 * looks like a class name: a word ending in {@code Test} (optionally qualified, optionally {@code #method}),
 * or a CamelCase word with two or more capitals and a lower-case letter. It must be:
 * <ul>
 * <li>a test class: a {@code .java} file (or a class nested in one) under some module's {@code src/test/java},
 * at the package path when the name is qualified; with {@code #method}, that file declares the method;</li>
 * <li>or an explorer property of the model (a class under a {@code props} package of some module's
 * {@code src/main/java}): the explorer checks it on every scenario;</li>
 * <li>or {@code ScenarioNN}, a scenario class of that number (its committed expected verdicts check it).</li>
 * </ul>
 * Prose around the names ("the interruption test", "Lincheck", "CLI") is left alone.
 */
class CheckedByTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern CHECKED_BY = Pattern.compile("Checked by:(.*?)(?:\\.\\s*\\n|\\*/|\\n\\s*\\*\\s*\\n)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("(?<![\\w.#])((?:[a-z]\\w*\\.)*[A-Z]\\w*)(?:#(\\w+))?");
    private static final Pattern SCENARIO = Pattern.compile("Scenario\\d\\d");

    /** What the sources hold: test files by simple class name, property classes, scenario classes. */
    record Index(Map<String, List<Path>> tests, List<String> properties, List<String> scenarios) {
        static Index of(Path root) {
            Map<String, List<Path>> tests = new LinkedHashMap<>();
            List<String> properties = new ArrayList<>();
            List<String> scenarios = new ArrayList<>();
            for (Path p : javaFiles(root)) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String simple = p.getFileName().toString().replace(".java", "");
                if (rel.contains("/src/test/java/")) {
                    tests.computeIfAbsent(simple, k -> new ArrayList<>()).add(p);
                    for (Matcher m = Pattern.compile("\\b(?:class|record|interface|enum) (\\w+)").matcher(read(p)); m.find(); ) {
                        if (!m.group(1).equals(simple)) {
                            tests.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
                        }
                    }
                } else if (rel.contains("/src/main/java/")) {
                    if (rel.contains("/props/")) {
                        properties.add(simple);
                    }
                    if (SCENARIO.matcher(simple).lookingAt()) {
                        scenarios.add(simple);
                    }
                }
            }
            return new Index(tests, properties, scenarios);
        }

        /** Why {@code name} (with {@code method}, or null) does not resolve; null when it does. */
        String unresolved(String name, String method) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            List<Path> files = tests.getOrDefault(simple, List.of()).stream()
                    .filter(p -> !name.contains(".") || p.toString().replace('\\', '/')
                            .contains("/src/test/java/" + name.substring(0, name.lastIndexOf('.')).replace('.', '/') + "/"))
                    .toList();
            if (!files.isEmpty()) {
                if (method == null || files.stream().anyMatch(p -> Pattern.compile("\\b" + method + "\\s*\\(").matcher(read(p)).find())) {
                    return null;
                }
                return name + "#" + method + ": no such method in " + files;
            }
            if (method == null && !name.contains(".") && properties.contains(simple)) {
                return null;
            }
            if (method == null && SCENARIO.matcher(simple).matches() && scenarios.stream().anyMatch(s -> s.startsWith(simple))) {
                return null;
            }
            return name + (method == null ? "" : "#" + method) + ": no test class, property or scenario of that name";
        }
    }

    /** The class-like names of every "Checked by" comment in {@code source}. */
    static List<String[]> names(String source) {
        List<String[]> out = new ArrayList<>();
        for (Matcher c = CHECKED_BY.matcher(source); c.find(); ) {
            String text = c.group(1).replaceAll("\\n\\s*\\*", " ");
            for (Matcher m = NAME.matcher(text); m.find(); ) {
                String name = m.group(1);
                String simple = name.substring(name.lastIndexOf('.') + 1);
                boolean classLike = simple.endsWith("Test") || name.contains(".") || SCENARIO.matcher(simple).matches()
                        || (simple.chars().filter(Character::isUpperCase).count() >= 2 && simple.chars().anyMatch(Character::isLowerCase));
                if (classLike) {
                    out.add(new String[] {name, m.group(2)});
                }
            }
        }
        return out;
    }

    @Test
    void everyCheckedByName_inEveryModulesSources_resolves() {
        Index index = Index.of(ROOT);
        List<String> problems = new ArrayList<>();
        int comments = 0;
        int checked = 0;
        for (Path p : javaFiles(ROOT)) {
            String source = read(p);
            if (!source.contains("Checked by:")) {
                continue;
            }
            comments++;
            for (String[] n : names(source)) {
                checked++;
                String why = index.unresolved(n[0], n[1]);
                if (why != null) {
                    problems.add(ROOT.relativize(p) + ": " + why);
                }
            }
        }
        System.out.printf("Checked by: %d comments, %d names resolved%n", comments, checked - problems.size());
        assertThat(comments).as("the sources hold Checked by comments (is ROOT %s the project?)", ROOT).isGreaterThan(50);
        assertThat(problems).as("Checked by names that do not resolve").isEmpty();
    }

    /** The resolver itself can fail: a made-up test, a missing method, a prose word left alone. */
    @Test
    void resolver_rejectsMissingTestsAndMethods_andLeavesProseAlone() {
        Index index = Index.of(ROOT);
        String source = "/**\n * Models: x.\n * Checked " + "by: NoSuchTest, IoUringTest#noSuchMethod, KworkerTest, the Lincheck run,\n"
                + " * CheckedByTest#resolver_rejectsMissingTestsAndMethods_andLeavesProseAlone, Scenario03, Scenario99,\n"
                + " * UmountNotBusyAfterReap, NotAPropertyAtAll (CLI).\n */";
        List<String> found = names(source).stream().map(n -> n[0] + (n[1] == null ? "" : "#" + n[1])).toList();
        assertThat(found).containsExactly("NoSuchTest", "IoUringTest#noSuchMethod", "KworkerTest",
                "CheckedByTest#resolver_rejectsMissingTestsAndMethods_andLeavesProseAlone", "Scenario03", "Scenario99",
                "UmountNotBusyAfterReap", "NotAPropertyAtAll");
        assertThat(names(source).stream().filter(n -> index.unresolved(n[0], n[1]) != null).map(n -> n[0]).toList())
                .containsExactly("NoSuchTest", "IoUringTest", "Scenario99", "NotAPropertyAtAll");
        assertThat(index.unresolved("fputsim.tests.lincheck.LListLincheckTest", null)).isNull();
        assertThat(index.unresolved("fputsim.wrong.LListLincheckTest", null)).isNotNull();
    }

    static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String rel = root.relativize(p).toString().replace('\\', '/');
                        return (rel.contains("/src/main/java/") || rel.contains("/src/test/java/"))
                                && !rel.contains("/target/") && !rel.startsWith(".");
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
