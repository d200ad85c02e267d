package fputsim.model;

import fputsim.explore.Status;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import fputsim.model.variant.Baseline618;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who exits when, among a process's threads and io threads, and what io_ring_exit_work waits for. */
class TopologyTest {
    private static int indexOf(List<TraceEntry> trace, String actorPrefix, java.util.function.Predicate<Event> what) {
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).actor().startsWith(actorPrefix) && what.test(trace.get(i).event())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * kernel/fork.c create_io_thread@v6.18.32 (CLONE_FILES|CLONE_VM): an io-wq worker holds a
     * reference on the group's fd table, so when it exits last it is the one that closes the fds,
     * the ring file included (its io_uring_release runs in the worker). io_uring/io-wq.c
     * io_worker_exit@v6.18.32: io_worker_ref_put completes worker_done before do_exit(0), so the
     * exiting submitter's io_wq_exit_workers returns while the worker still has its do_exit ahead.
     */
    @Test
    void ioWqWorker_sharesTheFdTable_andSignalsWorkerDoneBeforeItsDoExit() {
        DeferTaskrunTest.Rig r = new DeferTaskrunTest.Rig(new Baseline618(), 1, 1);
        r.k.beginStep(r.irq, Kit.CX);
        r.k.exit.kill(r.group, Kit.CX);
        Kit.runAll(r.k);
        List<TraceEntry> trace = r.k.trace;
        int workerDone = indexOf(trace, "fio", e -> e instanceof Event.Step s && s.function().equals("io_wq_put_and_exit: worker_done"));
        int workerExitFiles = indexOf(trace, "iou-wrk", e -> e instanceof Event.ExitStep s && s.step().equals("exit_files"));
        int fioExitNotify = indexOf(trace, "fio", e -> e instanceof Event.TaskExit);
        int released = indexOf(trace, "", e -> e instanceof Event.RingReleased);
        assertThat(workerDone).isNotNegative();
        assertThat(workerExitFiles).isGreaterThan(workerDone); // the waiter went on first
        assertThat(fioExitNotify).isNotNegative().isLessThan(workerExitFiles);
        assertThat(trace.get(released).actor()).startsWith("iou-wrk"); // the last thread out closed the ring
        assertThat(r.group.allExited()).isTrue();
        assertThat(r.data.released()).isTrue(); // every reference goes in the end: nothing lost on the way
    }

    /**
     * io_uring/io_uring.c io_ring_exit_work@v6.18.32: after the refs wait, a task still on the
     * ring's tctx_list gets io_tctx_exit_cb as task_work (TWA_SIGNAL) and the exit work waits for
     * it; io_tctx_exit_cb removes the node (the task is not in_cancel) and completes.
     */
    @Test
    void ringExitWork_waitsForIoTctxExitCbOnEveryTaskLeftOnTheTctxList() {
        DeferTaskrunTest.Rig r = new DeferTaskrunTest.Rig(new Baseline618(), 0);
        TaskStruct kw = Kit.task(r.k, 500, "kworker");
        r.k.beginStep(kw, Kit.CX);
        r.ctx.percpu_ref_kill(); // the release: the base reference; no request holds one
        kw.call(r.k.ioUring.new RingExitWork(r.ctx));
        for (int i = 0; i < 10 && kw.status() == Status.ENABLED; i++) {
            r.k.beginStep(kw, Kit.CX);
            kw.step(Kit.CX);
        }
        assertThat(kw.status()).isEqualTo(Status.BLOCKED);
        assertThat(kw.top().waitsFor()).contains("io_tctx_exit_cb");
        assertThat(r.ctx.tctxList()).containsExactly(r.tctx);

        r.k.beginStep(r.fio, Kit.CX);
        r.fio.call(r.k.taskWork.task_work_run()); // the TWA_SIGNAL wakes it to run its task_work
        while (!r.fio.top().function().equals("io_cqring_wait")) {
            r.fio.step(Kit.CX);
        }
        assertThat(r.ctx.tctxList()).isEmpty();
        Kit.runToIdle(kw);
        assertThat(r.ctx.freed()).isTrue();
    }

    /** The walk has nothing to do for a killed task: io_uring_clean_tctx already removed its node. */
    @Test
    void ringExitWork_killedTasksNodeAlreadyGone_freesTheRingWithoutWaiting() {
        DeferTaskrunTest.Rig r = new DeferTaskrunTest.Rig(new Baseline618(), 0);
        r.k.beginStep(r.fio, Kit.CX);
        r.ctx.io_uring_del_tctx_node(r.tctx);
        r.ctx.percpu_ref_kill();
        TaskStruct kw = Kit.task(r.k, 500, "kworker");
        kw.call(r.k.ioUring.new RingExitWork(r.ctx));
        Kit.runToIdle(kw);
        assertThat(r.ctx.freed()).isTrue();
    }
}
