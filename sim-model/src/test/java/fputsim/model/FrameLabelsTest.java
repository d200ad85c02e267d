package fputsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.explore.Status;
import fputsim.model.exit.Exit;
import fputsim.model.iouring.IoUringExit.RingExitWork;
import fputsim.model.scenario.Scenario03RetryingUmount.UmountRetry;
import fputsim.model.scenario.World;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.SignalStruct;
import fputsim.model.sched.TaskStruct;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The named steps of the modelled functions (Frame.label()) name the step the function is at: the
 * timed mode's latencies are picked by these names, so a name must follow its step.
 */
class FrameLabelsTest {
    /** Every enum of named steps: one program counter per name (Frame.labelAt takes the first). */
    @Test
    void numberedLabels_oneProgramCounterEach() {
        List<Frame.NumberedLabel[]> enums = List.of(RingExitWork.Step.values(), UmountRetry.Step.values(), World.Command.Step.values());
        for (Frame.NumberedLabel[] e : enums) {
            long distinct = Arrays.stream(e).mapToInt(Frame.NumberedLabel::pc).distinct().count();
            assertThat(distinct).as(Arrays.toString(e)).isEqualTo(e.length);
            assertThat(Arrays.stream(e).mapToInt(Frame.NumberedLabel::pc).min().orElse(-1)).isZero();
        }
    }

    /** io_ring_exit_work@v6.18.32 (io_uring/io_uring.c): the refs wait, then io_tctx_exit_cb's wait, then io_ring_ctx_free. */
    @Test
    void ringExitWork_labelFollowsItsWaits() {
        IoUringTest.Ring r = new IoUringTest.Ring(1, false, true);
        r.t.call(r.k.ioUring.io_uring_release(r.t, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(r.t);
        Kworker exit = r.kworkerOf(r.ctx.exitWork());
        exit.step(Kit.CX); // process_one_work: io_ring_exit_work starts
        assertThat(exit.top().label()).isEqualTo(RingExitWork.Step.TRY_CANCEL_REQUESTS);
        for (int guard = 0; exit.status() == Status.ENABLED && guard < 100; guard++) {
            exit.step(Kit.CX);
        }
        assertThat(exit.top().label()).isEqualTo(RingExitWork.Step.REF_COMP_WAIT);
        assertThat(exit.top().waitsFor()).contains("references of ring0");

        r.complete(r.reqs.get(0));
        r.runTaskWork(r.t); // the last request reference
        Kit.runAll(r.k);
        assertThat(exit.top().label()).isEqualTo(RingExitWork.Step.TCTX_EXIT_CB_WAIT);
        assertThat(exit.top().waitsFor()).contains("io_tctx_exit_cb");
        r.runTaskWork(r.t);
        exit.step(Kit.CX); // the callback ran; the tctx_list is empty
        assertThat(exit.top().label()).isEqualTo(RingExitWork.Step.RING_CTX_FREE);
    }

    /** do_exit (kernel/exit.c) names its steps by the list it runs: exit_mm is next after exit_signals, then it has passed. */
    @Test
    void doExit_labelIsTheNextNamedStep() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        SignalStruct g = w.process(100, "app");
        Exit.DoExit d = k.exit.new DoExit();
        TaskStruct t = w.thread(g, 100, d);
        assertThat(d.label().name()).isEqualTo("io_uring_files_cancel");
        t.step(Kit.CX);
        t.step(Kit.CX);
        assertThat(d.at(Exit.EXIT_MM)).isTrue();
        assertThat(d.passed(Exit.EXIT_MM)).isFalse();
        t.step(Kit.CX);
        assertThat(d.at(Exit.EXIT_MM)).isFalse();
        assertThat(d.passed(Exit.EXIT_MM)).isTrue();
        assertThat(d.passed("no_such_step")).isFalse();
    }
}
