package fputsim.explore;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer knows nothing about kernels: its sources never speak of them. */
class NoKernelWordsTest {
    private static final Pattern KERNEL = Pattern.compile(
            "(?i)\\b(files?|mounts?|umount|task_work|fput|kernel|io_uring|kworker|inode)\\b");

    @Test
    void sources_ofTheExplorer_containNoKernelVocabulary() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(Path.of("src/main/java"))) {
            for (Path p : paths.filter(q -> q.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (KERNEL.matcher(lines.get(i)).find()) {
                        hits.add(p + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(hits).isEmpty();
    }
}
