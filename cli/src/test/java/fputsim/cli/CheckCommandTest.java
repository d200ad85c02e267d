package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {
    @Test
    void check_ioUringScenarioOnBaseline_findsEbusyPrintsTokenAndExitsOne() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("scenario  03-io-uring-kill-umount", "variant   baseline-6.18", "bounds    max-steps=2000",
                "Observation umount-busy-after-reap Sometimes", "violated:  UmountNotBusyAfterReap (umount-busy-after-reap)",
                "replay:    ./fputsim replay FPS1:m3:03/", "sys_exit_umount: target=/mnt ret=-16", "workqueue_queue_work: workqueue=events function=delayed_fput");
        assertThat(r.out().indexOf("token:")).isLessThan(r.out().indexOf("violated:"));
    }

    @Test
    void check_psyncEngine_isNeverBusyAndExitsZero() {
        Cli r = Cli.run("check", "--jobs", "2", "--iodepth", "2", "--engine", "psync", "--strategy", "dfs-sleep", "-q");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("Observation umount-busy-after-reap Never 0");
    }

    @Test
    void check_fixVariant2026_isNeverBusy() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "2", "--variant", "exit-cancel-2026", "--strategy", "dfs-sleep", "-q");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("Observation umount-busy-after-reap Never", "Observation exit-hangs Never");
    }

    @Test
    void check_naiveReleaseWait_reportsTheExitHang() {
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--variant", "release-wait-naive", "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Observation exit-hangs Sometimes", "violated:  ExitTerminates (exit-hangs)"); // Sometimes: unless the killed task ran every completion itself (io_cqring_wait)
    }

    @Test
    void check_randomAndPctStrategies_findTheBugWithASeed() {
        for (String s : new String[]{"random", "pct"}) {
            Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--strategy", s, "--runs", "300", "--seed", "3", "-q");
            assertThat(r.code()).as(s).isEqualTo(1);
            assertThat(r.out()).contains("Observation umount-busy-after-reap Sometimes");
        }
    }

    @Test
    void check_sameSeedTwice_printsTheSameReportApartFromTimings() {
        String a = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--strategy", "random", "--runs", "200", "-q").out();
        String b = Cli.run("check", "--jobs", "1", "--iodepth", "1", "--strategy", "random", "--runs", "200", "-q").out();
        assertThat(withoutTimings(a)).isEqualTo(withoutTimings(b));
    }

    static String withoutTimings(String s) {
        return s.replaceAll("(?m)^Explored.*$", "Explored").replaceAll("\\(\\d+ replays\\)", "");
    }

    @Test
    void check_json_writesTheVersionedDocument(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        Cli r = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q", "--json", out.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = JsonOutput.MAPPER.readTree(out.toFile());
        assertThat(j.get("schema").asText()).isEqualTo("fputsim-check/1");
        assertThat(j.get("observations")).hasSize(6);
        assertThat(j.get("observations").get(0).get("verdict").asText()).isEqualTo("Sometimes");
        assertThat(j.get("violations").get(0).get("token").asText()).startsWith("FPS1:m3:03/");
    }

    @Test
    void replay_tokenPrintedByCheck_replaysAndExitsOne() {
        String out = Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q").out();
        String token = out.lines().filter(l -> l.startsWith("token:")).findFirst().orElseThrow().substring(6).trim();
        Cli r = Cli.run("replay", token, "--detail", "full");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("# violated: UmountNotBusyAfterReap", "ledger after step", "foo#0 f_count=");
    }

    @Test
    void compare_defaultVariants_printsTheTableAndNonVacuity() {
        Cli r = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "-q");
        assertThat(r.code()).isEqualTo(1);
        // compare's default search is the sleep-set search: every Never of the table is a proof
        assertThat(r.out()).contains(" strategy dfs-sleep (sleep sets + local steps; ", "exit-cancel-2026          | Never ",
                "fput-sync                 | Sometimes 4/10 ", "baseline-6.18             | Sometimes 4/10          | Never ",
                "non-vacuity: exit-cancel-2026: kill-with-requests-in-flight", "(every state on the baseline's path to EBUSY is reached)")
                .doesNotContain("unproven").doesNotContain("(DPOR)").doesNotContain("proved:");
        // with a DPOR strategy, the rows DPOR finds clean are proven by the sleep-set search (--prove on, the default)
        Cli dpor = Cli.run("compare", "--jobs", "1", "--iodepth", "1", "--strategy", "dfs", "-q");
        assertThat(dpor.code()).isEqualTo(1);
        assertThat(dpor.out()).contains("exit-cancel-2026          | Never ", "fput-sync                 | Sometimes 4/10 (DPOR)",
                "proved: exit-cancel-2026 by dfs-sleep (4 schedules, 105 pruned, ", "proved: exit-cancel-2024 by dfs-sleep (");
    }

    @Test
    void list_everything_namesScenariosVariantsAndProperties() {
        Cli r = Cli.run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("03 io-uring-kill-umount", "exit-cancel-2026", "UmountNotBusyAfterReap");
    }

    @Test
    void version_printsTheKernelBaseline() {
        Cli r = Cli.run("-V");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fputsim 0.1.0", "kernel baseline Linux 6.18");
    }
}
