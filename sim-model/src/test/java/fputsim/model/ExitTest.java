package fputsim.model;

import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.scenario.World;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kernel/exit.c as modelled: do_exit's order, the shared fd table, and wait for the whole group. */
class ExitTest {
    @Test
    void do_exit_steps_followKernelExitOrder() {
        Kernel k = Kit.kernel();
        List<String> names = k.exit.doExitSteps().stream().map(s -> s.name()).toList();
        assertThat(names).containsExactly("io_uring_files_cancel", "exit_signals", "exit_mm", "exit_files", "exit_fs",
                "exit_task_work", "exit_notify");
    }

    @Test
    void do_exit_lastThreadWithAnOpenFile_releasesItBeforeExitNotify() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        VfsMount m = w.mount("/mnt", w.bdev("loop0"));
        SignalStruct g = w.process(100, "app");
        File f = w.open(g, "f", m, null);
        TaskStruct t = w.thread(g, 100, k.exit.new DoExit());
        Kit.runToIdle(t);
        List<Event> ev = Kit.events(k);
        int released = ev.indexOf(new Event.FileReleased("f"));
        int exited = ev.indexOf(new Event.TaskExit("app", 100, true));
        assertThat(released).isNotNegative();
        assertThat(released).isLessThan(exited);
        assertThat(f.released()).isTrue();
        assertThat(g.allExited()).isTrue();
    }

    @Test
    void wait_groupWithALiveThread_staysBlockedUntilEveryThreadExited() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        SignalStruct g = w.process(100, "app");
        TaskStruct leader = w.thread(g, 100, k.exit.new DoExit());
        TaskStruct other = w.thread(g, 101, k.exit.new KillableSleep("futex_wait"));
        TaskStruct shell = Kit.task(k, 99, "bash");
        shell.call(k.exit.new Wait(g));
        Kit.runToIdle(leader);
        assertThat(shell.status()).isEqualTo(fputsim.explore.Status.BLOCKED);
        other.sigaddset_sigkill();
        Kit.runToIdle(other);
        Kit.runToIdle(shell);
        assertThat(g.reaped()).isTrue();
    }
}
