package fputsim.model;

import fputsim.explore.Exploration;
import fputsim.explore.Status;
import fputsim.explore.Verdict;
import fputsim.model.fs.File;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.scenario.FioIoringJob;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16 finding 6: fio's I/O loop (fio-3.33 engines/io_uring.c fio_ioring_getevents /
 * fio_ioring_queue / fio_ioring_commit through io_uring_enter), {@code fioLoop} rounds per job, so
 * that the kill can find 0..iodepth requests in flight.
 */
class FioIoringJobTest {
    private static Kernel kernel(String config, String variant) {
        return ModelFactory.of("03", ScenarioConfig.parse(config), variant).create();
    }

    private static TaskStruct actor(Kernel k, String name) {
        for (TaskStruct t : k.actors()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no actor " + name + " in " + k.actors());
    }

    private static void step(Kernel k, String name) {
        TaskStruct t = actor(k, name);
        assertThat(t.status()).as(name + " enabled").isEqualTo(Status.ENABLED);
        t.step(Kit.CX);
    }

    /** Steps {@code name} until its innermost frame is fio's loop at {@code at} (it must not block). */
    private static void stepUntil(Kernel k, String name, FioIoringJob.Step at) {
        TaskStruct t = actor(k, name);
        for (int guard = 0; guard < 100; guard++) {
            if (t.top() instanceof FioIoringJob j && j.label() == at) {
                return;
            }
            step(k, name);
        }
        throw new AssertionError(name + " never reached " + at + ": " + t.frames());
    }

    private static List<Event> events(Kernel k) {
        return Kit.events(k);
    }

    /**
     * io_uring/io_uring.c:io_cqring_wait@v6.18.32 (min_events 1): fio's job thread sleeps until a
     * completion is there for it to run; a DEFER_TASKRUN completion (io_req_local_work_add) wakes
     * it, it runs the local work itself (io_run_local_work, not cancelled: the read gets its 4096
     * bytes, io_free_batch_list puts the file, not the last reference, and caches the request),
     * and fio_ioring_commit's io_submit_sqes submits the slot again: io_alloc_req from the cache
     * (no new ring reference), io_file_get_normal's fget, in flight.
     */
    @Test
    void io_cqring_wait_completionWakesTheJob_itRunsTheLocalWork_andIoSubmitSqesResubmitsTheSlot() {
        Kernel k = kernel("jobs=1,iodepth=1,fioLoop=1", "baseline-6.18");
        IoRingCtx ring = k.rings.get(0);
        IoKiocb req = ring.requests().get(0);
        File data = req.file;
        int refs = ring.refs();
        assertThat(actor(k, "fio-101").status()).as("asleep in io_cqring_wait").isEqualTo(Status.BLOCKED);

        step(k, "irq/ring0.0");
        assertThat(req.issued()).isFalse();
        assertThat(actor(k, "irq/ring0.0").status()).as("its completion fired; not submitted again yet").isEqualTo(Status.FINISHED);
        stepUntil(k, "fio-101", FioIoringJob.Step.REAP_AND_COMMIT);
        assertThat(events(k)).contains(new Event.RequestCompleted("ring0", 0, 4096, data.name));
        assertThat(req.freed()).isTrue();
        assertThat(data.holders()).doesNotContain(req.holder());
        assertThat(ring.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH);

        step(k, "fio-101");
        assertThat(req.resubmissions()).isEqualTo(1);
        assertThat(req.issued()).isTrue();
        assertThat(req.freed()).isFalse();
        assertThat(data.holders()).contains(req.holder());
        assertThat(ring.refs()).as("the request came from the cache: its ring reference was already held").isEqualTo(refs);
        assertThat(actor(k, "irq/ring0.0").status()).as("its new completion may fire").isEqualTo(Status.ENABLED);
        assertThat(actor(k, "fio-101").top()).as("one round done: the last wait").isInstanceOf(fputsim.model.exit.Exit.KillableSleep.class);
    }

    /**
     * Without DEFER_TASKRUN the completion is task_work (io_req_normal_work_add, TWA_SIGNAL): it
     * wakes io_cqring_wait, whose io_run_task_work runs tctx_task_work inline (the task is not
     * PF_EXITING, so tctx_task_work_run@v6.18.32 does not punt it to the fallback).
     */
    @Test
    void io_cqring_wait_withoutDeferTaskrun_runsTctxTaskWorkInline() {
        Kernel k = kernel("jobs=1,iodepth=1,defer=0,fioLoop=1", "baseline-6.18");
        step(k, "irq/ring0.0");
        stepUntil(k, "fio-101", FioIoringJob.Step.REAP_AND_COMMIT);
        assertThat(events(k)).contains(new Event.RequestCompleted("ring0", 0, 4096, "foo#0"));
        assertThat(k.rings.get(0).requests().get(0).freed()).isTrue();
    }

    /**
     * The kill lands in user space after fio reaped its only CQE and before it submitted again:
     * no request is in flight. The signal is taken on the way back to user space
     * (exit_to_user_mode_loop → get_signal), do_exit closes the data file (the last reference: its
     * ____fput is task_work, run in exit_task_work before exit_notify), the ring's exit work
     * frees only cached requests (no file): wait returns with the mount free, umount succeeds.
     */
    @Test
    void killWithNoRequestInFlight_inUserSpaceAfterReaping_umountSucceeds() {
        Kernel k = kernel("jobs=1,iodepth=1,fioLoop=1", "baseline-6.18");
        step(k, "irq/ring0.0");
        stepUntil(k, "fio-101", FioIoringJob.Step.REAP_AND_COMMIT);
        step(k, "bash-99"); // kill -9
        Kit.runAll(k);
        assertThat(events(k)).contains(new Event.Step("fio: SIGKILL taken in user space, after reaping"));
        assertThat(k.rings.get(0).requests().get(0).resubmissions()).as("no SQE after the kill").isZero();
        assertThat(k.umountResults()).containsExactly(0);
    }

    /**
     * The same ring with its request resubmitted and in flight at the kill (the kill wakes the
     * last io_cqring_wait): the request's completion goes to the fallback kworker
     * (io_move_task_work_from_local in io_ring_exit_work), its file through delayed_fput after
     * wait returned: umount can see EBUSY. Both ends are reachable with the loop on.
     */
    @Test
    void loopOn_exhaustive_busyAndNotBusyBothReachable() {
        Exploration x = Kit.explore("03", "jobs=1,iodepth=2,fioLoop=1", "baseline-6.18");
        assertThat(x.completeness().finished()).isTrue();
        assertThat(x.tally("UmountNotBusyAfterReap").verdict()).isEqualTo(Verdict.Sometimes);
        Exploration off = Kit.explore("03", "jobs=1,iodepth=2", "baseline-6.18");
        assertThat(x.stats().schedules()).as("the loop adds interleavings").isGreaterThan(off.stats().schedules());
    }

    /** Configuration: the loop is named in the id only when on (every id without it is unchanged), and only for a submitting job thread. */
    @Test
    void scenarioConfig_fioLoop_idParseAndLimits() {
        ScenarioConfig on = ScenarioConfig.parse("jobs=1,iodepth=2,fioLoop=2");
        assertThat(on.fioLoop()).isEqualTo(2);
        assertThat(on.id()).isEqualTo("jobs=1,iodepth=2,direct=0,defer=1,sqpoll=0,fixed=0,iowq=0,engine=io_uring,fioLoop=2");
        assertThat(ScenarioConfig.parse(on.id())).isEqualTo(on);
        assertThat(ScenarioConfig.defaults().id()).doesNotContain("fioLoop");
        assertThat(on.withSize(2, 1).fioLoop()).isEqualTo(2);
        assertThat(on.withEngine("psync").fioLoop()).isZero();
        assertThatThrownBy(() -> ScenarioConfig.parse("sqpoll=1,defer=0,fioLoop=1")).hasMessageContaining("fio-loop");
        assertThatThrownBy(() -> ScenarioConfig.parse("iodepth=1,iowq=1,fioLoop=1")).hasMessageContaining("fio-loop");
        assertThatThrownBy(() -> ScenarioConfig.parse("fioLoop=-1")).hasMessageContaining("fio-loop");
    }
}
