/*
 * HostRequirements: the real-kernel tests' shared gate and leak check.
 * Leaves out: anything not created by this JVM: the leak check looks for our pid's prefix
 * only, so runs by other users of the host are never mistaken for ours.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

final class HostRequirements {
    private HostRequirements() {
    }

    static void assume(DoctorReport d) {
        if (d.allOk())
            return;
        if (Boolean.getBoolean("fputsim.kernel.required"))
            fail(d.skipReason() + " (fputsim.kernel.required=true)");
        Assumptions.abort(d.skipReason());
    }

    static Path resultsRoot() {
        return Path.of(System.getProperty("fputsim.results.dir", "target/kernel-results"));
    }

    /** Our scratch dirs are named fputsim-<our pid>-N: none may remain in loops or mounts. */
    static void assertNothingLeft() throws Exception {
        String ours = "/fputsim-" + ProcessHandle.current().pid() + "-";
        String loops = Cmd.run(Duration.ofSeconds(10), "losetup", "-a").out();
        assertThat(loops.lines()).noneMatch(l -> l.contains(ours));
        assertThat(Files.readAllLines(Path.of("/proc/mounts"))).noneMatch(l -> l.contains(ours));
    }
}
