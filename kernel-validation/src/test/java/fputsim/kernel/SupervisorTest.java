/*
 * SupervisorTest: the record-based reclaim (what `kernel clean` and every run's start do) touches
 * only what a dead run recorded, after its own checks: a live run's record is left alone; a dead
 * run's scratch dir goes, a directory not named fputsim-* and a "tracefs instance" outside
 * instances/fputsim-* stay. The live supervisor runs commands as its children and removes its
 * spool and record when the JVM side closes. Needs gcc only (no root, no loop devices).
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {
    @TempDir
    Path tmp;

    static void needGcc() throws Exception {
        Assumptions.assumeTrue(Cmd.run(Duration.ofSeconds(10), "gcc", "--version").ok(), "gcc missing");
    }

    static String bootId() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    }

    static long startTime(long pid) throws Exception {
        String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(st.substring(st.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Test
    void reclaim_deadRun_removesOnlyWhatItRecordedAndChecked() throws Exception {
        needGcc();
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path ours = Files.createDirectories(tmp.resolve("fputsim-999999-1"));
        Files.writeString(ours.resolve("fio.log"), "x");
        Path notOurs = Files.createDirectories(tmp.resolve("precious"));
        Path fakeInstance = Files.createDirectories(tmp.resolve("instances-fputsim-1"));
        Path temp = Files.writeString(tmp.resolve(".summary.json.tmp-999999"), "{");
        Files.writeString(state.resolve("fputsim-999999-1.rec"), "fputsim-run\t1\nboot\t" + bootId()
                + "\nowner\t999999\t1\nsupervisor\t999998\t1\ndir\t" + ours + "\t\ndir\t" + notOurs + "\t\ninstance\t"
                + fakeInstance + "\t\nfile\t" + temp + "\t\n");
        List<String> out = Supervisor.reclaim(tmp.resolve("native"), state);
        assertThat(out).anyMatch(l -> l.startsWith("reclaimed ")).anyMatch(l -> l.contains("left alone: " + notOurs))
                .anyMatch(l -> l.contains("not a tracefs instance of ours, left alone"));
        assertThat(ours).doesNotExist();
        assertThat(temp).doesNotExist();
        assertThat(notOurs).isDirectory();
        assertThat(fakeInstance).isDirectory();
        assertThat(state.resolve("fputsim-999999-1.rec")).doesNotExist();
    }

    @Test
    void reclaim_liveRun_isLeftAlone() throws Exception {
        needGcc();
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path ours = Files.createDirectories(tmp.resolve("fputsim-1-1"));
        long me = ProcessHandle.current().pid();
        Path rec = Files.writeString(state.resolve("fputsim-" + me + "-77.rec"), "fputsim-run\t1\nboot\t" + bootId()
                + "\nowner\t" + me + "\t" + startTime(me) + "\nsupervisor\t999998\t1\ndir\t" + ours + "\t\n");
        assertThat(Supervisor.reclaim(tmp.resolve("native"), state)).anyMatch(l -> l.startsWith("alive "));
        assertThat(ours).isDirectory();
        assertThat(rec).exists();
        // the same PID with another start time is another process: the run is dead
        Files.writeString(rec, Files.readString(rec).replace("\t" + startTime(me) + "\n", "\t1\n"));
        assertThat(Supervisor.reclaim(tmp.resolve("native"), state)).anyMatch(l -> l.startsWith("reclaimed "));
        assertThat(ours).doesNotExist();
    }

    @Test
    void live_runsCommandsAsChildren_andRemovesItsRecordOnClose() throws Exception {
        needGcc();
        Path state = tmp.resolve("state");
        Supervisor s = Supervisor.start(tmp.resolve("native"), state);
        Path rec = s.record();
        assertThat(Files.readString(rec)).startsWith("fputsim-run\t1\nboot\t").contains("\nowner\t" + ProcessHandle.current().pid());
        Cmd.Result r = s.run(Duration.ofSeconds(10), List.of("sh", "-c", "echo $PPID; exit 3"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(Long.parseLong(r.out().strip())).isEqualTo(s.pid());
        Path d = tmp.resolve("fputsim-own-1");
        s.own("dir", d, null);
        Files.createDirectories(d.resolve("sub"));
        assertThat(Files.readString(rec)).contains("dir\t" + d);
        s.close();
        assertThat(s.exitCode()).isZero();
        assertThat(rec).doesNotExist();
        assertThat(d).doesNotExist(); // the run "died" with its dir still there: the teardown removed it
    }
}
