/*
 * KernelDoctorTest: the requirement checks against a fake tracefs directory and fake
 * commands, so every "not run" reason is exercised without touching the host.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelDoctorTest {
    @TempDir
    Path tmp;

    Path fakeTracefs(List<String> events) throws Exception {
        Path t = tmp.resolve("tracing");
        Files.createDirectories(t.resolve("instances"));
        for (String e : events)
            Files.createDirectories(t.resolve("events").resolve(e));
        return t;
    }

    static Cmd.Runner failing(Set<String> broken) {
        return argv -> broken.contains(argv.get(0)) ? new Cmd.Result(1, "nope") : new Cmd.Result(0, "");
    }

    KernelDoctor doctor(Path tracefs, String ioUringDisabled, Set<String> broken, boolean root) throws Exception {
        Path knob = tmp.resolve("io_uring_disabled");
        if (ioUringDisabled != null)
            Files.writeString(knob, ioUringDisabled + "\n");
        else
            Files.deleteIfExists(knob);
        return new KernelDoctor(tracefs, knob, failing(broken), root);
    }

    @Test
    void check_everythingPresent_allOk() throws Exception {
        DoctorReport r = doctor(fakeTracefs(KernelDoctor.EVENTS), "0", Set.of(), true).check();
        assertThat(r.allOk()).as(r.lines()).isTrue();
        assertThat(r.checks()).extracting(Check::name).containsExactly("root", "losetup", "io_uring", "tracefs",
                "trace-events", "fio-io_uring", "mkfs.ext4", "gcc");
        assertThat(r.lines()).doesNotContain("not run");
        assertThat(tmp.resolve("tracing/instances")).isEmptyDirectory(); // probe instance removed
    }

    @Test
    void check_fioMissing_notRunWithOneLineReason() throws Exception {
        DoctorReport r = doctor(fakeTracefs(KernelDoctor.EVENTS), "0", Set.of("fio"), true).check();
        assertThat(r.allOk()).isFalse();
        assertThat(r.skipReason()).isEqualTo("not run: fio-io_uring: fio --enghelp=io_uring failed"
                + " (fio missing or built without io_uring)");
        assertThat(r.lines()).contains("fio-io_uring       not run: ");
    }

    @Test
    void check_ioUringDisabled_notRun_andMissingKnobMeansEnabled() throws Exception {
        Path t = fakeTracefs(KernelDoctor.EVENTS);
        assertThat(doctor(t, "2", Set.of(), true).check().skipReason())
                .isEqualTo("not run: io_uring: kernel.io_uring_disabled=2");
        assertThat(doctor(t, null, Set.of(), true).check().allOk()).isTrue();
    }

    @Test
    void check_eventMissing_namesIt() throws Exception {
        Path t = fakeTracefs(List.of("syscalls/sys_exit_umount"));
        DoctorReport r = doctor(t, "0", Set.of(), true).check();
        assertThat(r.skipReason()).startsWith("not run: trace-events: missing syscalls/sys_enter_umount, io_uring/");
    }

    @Test
    void check_tracefsNotMountedAndMountFails_notRun() throws Exception {
        DoctorReport r = doctor(tmp.resolve("no-tracefs"), "0", Set.of("mount"), true).check();
        assertThat(r.checks()).filteredOn(c -> c.name().equals("tracefs")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("mount -t tracefs failed"));
        assertThat(r.checks()).filteredOn(c -> c.name().equals("trace-events")).singleElement()
                .satisfies(c -> assertThat(c.ok()).isFalse());
    }

    @Test
    void check_notRootAndNoLoop_firstMissingIsRoot() throws Exception {
        DoctorReport r = doctor(fakeTracefs(KernelDoctor.EVENTS), "0", Set.of("losetup"), false).check();
        assertThat(r.firstMissing()).get().extracting(Check::name).isEqualTo("root");
        assertThat(r.checks()).filteredOn(c -> !c.ok()).extracting(Check::name).containsExactly("root", "losetup");
    }
}
