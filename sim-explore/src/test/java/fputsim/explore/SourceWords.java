package fputsim.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lines of a module's main sources that match a pattern, as {@code path:line: text}: the
 * check behind {@link NoKernelWordsTest} and each module's line test (a module's sources never
 * name what sits above it). In the test jar, so every module's test uses this one scanner.
 */
public final class SourceWords {
    private SourceWords() {
    }

    /** Every line of the {@code .java} files below {@code src/main/java} that {@code words} finds in. */
    public static List<String> find(Pattern words) {
        return find(Path.of("src/main/java"), words);
    }

    public static List<String> find(Path root, Pattern words) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(q -> q.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (words.matcher(lines.get(i)).find()) {
                        hits.add(p + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /**
     * The names of the modules above a module, as they appear in sources: packages
     * ({@code fputsim.model.report}) and imports of libraries it must not use.
     */
    public static Pattern naming(String... packages) {
        List<String> quoted = new ArrayList<>();
        for (String p : packages) {
            quoted.add(Pattern.quote(p));
        }
        return Pattern.compile("\\b(" + String.join("|", quoted) + ")\\b");
    }
}
