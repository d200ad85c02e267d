package fputsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay is byte for byte: the same token gives the same stdout and the same files (report's
 * index.html, trace.json, swimlane.svg, columns.txt, explain.txt; replay --perfetto) in separate
 * JVMs. Separate JVMs matter: Map.of's iteration order is seeded per JVM, so a hash-ordered map
 * in the output shows only across processes.
 */
class ReplayDeterminismTest {
    static String tokenOf(String... checkArgs) {
        Cli r = Cli.run(checkArgs);
        return r.out().lines().filter(l -> l.startsWith("token:")).map(l -> l.substring(6).strip()).findFirst().orElseThrow();
    }

    /** Every output of one token, written by a fresh JVM: file name to bytes (stdout as "stdout:..."). */
    static TreeMap<String, byte[]> outputs(String token, Path dir) throws Exception {
        Files.createDirectories(dir);
        TreeMap<String, byte[]> all = new TreeMap<>();
        all.put("stdout:replay", child(dir, "replay", token, "--detail", "full", "--perfetto", dir.resolve("p.json").toString()));
        all.put("stdout:columns", child(dir, "replay", token, "--columns", "--detail", "steps"));
        all.put("stdout:explain", child(dir, "explain", token));
        child(dir, "report", "--out", dir.resolve("report").toString(), token);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                all.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return all;
    }

    static byte[] child(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", BadInputCorpusTest.classpath(), "fputsim.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args)).isIn(ExitCodes.OK, ExitCodes.VIOLATION);
        return out;
    }

    @Test
    void replayAndReport_sameTokenInTwoJvms_giveTheSameBytes(@TempDir Path dir) throws Exception {
        List<String> tokens = List.of(Files.readString(ReportsCliTest.GOLDEN.resolve("canonical.token")).strip(),
                tokenOf("check", "--scenario", "06", "-q"));
        for (int i = 0; i < tokens.size(); i++) {
            TreeMap<String, byte[]> a = outputs(tokens.get(i), dir.resolve(i + "a"));
            TreeMap<String, byte[]> b = outputs(tokens.get(i), dir.resolve(i + "b"));
            assertThat(a.keySet()).contains("p.json", "report/index.html", "report/trace.json", "report/swimlane.svg",
                    "report/columns.txt", "report/explain.txt").isEqualTo(b.keySet());
            for (String k : a.keySet()) {
                assertThat(b.get(k)).as(tokens.get(i) + ": " + k).isEqualTo(a.get(k));
            }
            // and the JSON files are the ones report and replay agree on
            assertThat(a.get("report/trace.json")).isEqualTo(a.get("p.json"));
        }
    }
}
