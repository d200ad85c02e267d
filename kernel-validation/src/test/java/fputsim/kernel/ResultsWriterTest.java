package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one writer of QemuRun's and ReproducerRun's records. The golden files under
 * results-writer/ were written by the two runs' own copies of this code (snapshot, finishPartial,
 * writeOutputs, deathTail) before they shared ResultsWriter, driven through the same steps as
 * here: 3 planned iterations, a snapshot after each, then a stop after 2 (partial), a finished run
 * (complete), or the supervisor's tail of a JVM that died after 2 (death). Every byte must stay.
 */
class ResultsWriterTest {
    static IterationRecord rec(int i, boolean busy) {
        return IterationRecord.parse("iter=" + i + " sleep_us=400000 fio_pid=3912 fio_early_exit=0 fio_status=9 kill_ns=100"
                + " wait_ns=200 first_umount_ns=210 last_ebusy_ns=" + (busy ? 7000 : 0) + " done_ns=7300 helper_delay_ns=10"
                + " attempts=25 ebusy=" + (busy ? 24 : 0) + " umount_errno=0");
    }

    @ParameterizedTest
    @CsvSource({"host, partial", "host, complete", "host, death", "qemu, partial", "qemu, complete", "qemu, death"})
    void outputs_byteIdenticalToTheRunsOwnCopies(String kind, String path, @TempDir Path root) throws IOException {
        assertThat(dump(kind, path, root)).isEqualTo(golden(kind + "-" + path + ".txt"));
    }

    @ParameterizedTest
    @CsvSource({"partial", "complete", "death"})
    void hostAndQemu_differOnlyInTheQemuProperty(String path, @TempDir Path a, @TempDir Path b) throws IOException {
        String host = dump("host", path, a);
        String qemu = dump("qemu", path, b);
        assertThat(qemu).contains("<property name=\"qemu\" value=\"6.1\"/>");
        assertThat(qemu.replace("    <property name=\"qemu\" value=\"6.1\"/>\n", "")).isEqualTo(host);
    }

    private static String golden(String name) throws IOException {
        try (var in = ResultsWriterTest.class.getResourceAsStream("results-writer/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The steps of a run, as the golden files' harness drove them; every file written, the folder's name as DIR. */
    static String dump(String kind, String path, Path root) throws IOException {
        ReproducerRun.Options o = ReproducerRun.Options.defaults("io_uring").withIterations(3).withResultsRoot(root)
                .withJunitXml(root.resolve("junit.xml"));
        ReproducerRun.Outputs x = new ReproducerRun.Outputs(root.resolve("run.json"), "0.1.0", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Ktap k = new Ktap(new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
        ResultsWriter w = new ResultsWriter(o, ExitMode.kill(), x, k, kind.equals("qemu") ? Map.of("qemu", "6.1") : Map.of());
        ResultsFolder rf = ResultsFolder.create(root, "io_uring");
        w.folder(rf);
        w.kernel = "6.18.44";
        w.fio = "fio-3.36";
        List<IterationRecord> records = new ArrayList<>();
        StringBuilder dump = new StringBuilder();
        w.snapshot(List.of());
        k.plan(4);
        for (int i = 1; i <= (path.equals("complete") ? 3 : 2); i++) {
            IterationRecord rec = rec(i, i != 2);
            records.add(rec);
            w.done(rec);
            Verdicts.iteration(k, rec, o.expectation(), 0.25 * i);
            if (i < 3)
                w.snapshot(records);
        }
        if (path.equals("death")) {
            dump.append("== deathTail\n").append(String.join("\n", w.deathTail())).append('\n');
        } else if (path.equals("partial")) {
            w.finish(records, 3, w.stoppedByError(2, "boom"), "boom");
        } else {
            w.finish(records, 3, null, null);
        }
        dump.append("== stream\n").append(bytes.toString(StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList())
                if (Files.isRegularFile(p))
                    dump.append("== ").append(root.relativize(p).toString().replace(rf.dir.getFileName().toString(), "DIR"))
                            .append('\n').append(Files.readString(p));
        }
        return dump.toString().replace(rf.dir.toString(), "DIR");
    }
}
