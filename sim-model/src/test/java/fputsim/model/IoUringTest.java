package fputsim.model;

import fputsim.explore.Status;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.iouring.IoWqWorker;
import fputsim.model.iouring.SqpollThread;
import fputsim.model.scenario.World;
import fputsim.model.sched.IrqContext;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * io_uring as modelled (io_uring/io_uring.c, tctx.c, cancel.c, io-wq.c, sqpoll.c, Linux 6.18), on a hand-built
 * ring: the ring's reference count and percpu_ref_kill, the request cache (io_alloc_req, io_req_add_to_cache,
 * io_req_caches_free), where a completion is queued (task_work, DEFER_TASKRUN local work, the fallback kworker),
 * a request's lifetime (io_free_batch_list: io_put_file, then back to the cache with its ring reference),
 * the ring's release and exit work, io_uring_files_cancel, an io-wq worker and the SQPOLL thread.
 * Only behaviour that every variant shares is checked here; the variants' exit paths are checked by the
 * scenarios' expected verdicts.
 */
class IoUringTest {

    /** fio (tgid 100) with one thread (101), an open data file, and one ring with {@code requests} reads in flight. */
    static final class Ring {
        final Kernel k = Kit.kernel();
        final World w = new World(k);
        final VfsMount mnt = w.mount("/mnt", w.bdev("loop0"));
        final SignalStruct fio = w.process(100, "fio");
        final TaskStruct t = task(k, fio, 101);
        final File data = w.open(fio, "foo", mnt, null);
        final IoRingCtx ctx;
        final IoUringTask tctx;
        final List<IoKiocb> reqs = new java.util.ArrayList<>();

        Ring(int requests, boolean defer, boolean fixed) {
            this(requests, defer, fixed, IoKiocb.State.INFLIGHT);
        }

        Ring(int requests, boolean defer, boolean fixed, IoKiocb.State state) {
            ctx = new IoRingCtx(k, "ring0", defer, false);
            k.ioUring.setupRing(ctx);
            k.rings.add(ctx);
            tctx = tctx(k, t);
            ctx.addTctx(tctx);
            tctx.addRing(ctx);
            ctx.setRingFile(w.open(fio, "[io_uring:ring0]", null, (cur, f) -> k.ioUring.io_uring_release(cur, f, ctx)));
            ctx.setSubmitterTask(t);
            if (fixed) {
                ctx.registerFile(data);
                k.fileTable.fget(data, "fixed table ring0", World.SETUP);
            }
            for (int i = 0; i < requests; i++) {
                IoKiocb req = new IoKiocb(k.tracker, i, ctx, tctx, data, fixed, false, state);
                if (!fixed) {
                    k.fileTable.fget(data, req.holder(), World.SETUP);
                }
                ctx.addRequest(req);
                tctx.requestSubmitted();
                reqs.add(req);
            }
        }

        /** The request's completion from interrupt context (io_complete_rw → __io_req_task_work_add). */
        void complete(IoKiocb req) {
            Kit.runToIdle(k.addTask(new IrqContext(k, "irq/" + req.id, (cur, cx) -> k.ioUring.io_req_task_work_add(cur, req, cx))));
        }

        void runTaskWork(TaskStruct task) {
            task.call(k.taskWork.task_work_run());
            Kit.runToIdle(task);
        }

        Kworker kworkerOf(WorkStruct work) {
            for (TaskStruct a : k.actors()) {
                if (a instanceof Kworker kw && kw.work() == work) {
                    return kw;
                }
            }
            throw new AssertionError("no kworker for " + work.function);
        }

        List<Integer> completedIds() {
            return Kit.events(k).stream().filter(e -> e instanceof Event.RequestCompleted)
                    .map(e -> ((Event.RequestCompleted) e).req()).toList();
        }
    }

    /** A thread of {@code g} with nothing to run yet (the test calls its functions). */
    static TaskStruct task(Kernel k, SignalStruct g, int pid) {
        TaskStruct t = k.addTask(new TaskStruct(k, pid, g.comm, 0, g));
        g.threadStarted(true);
        return t;
    }

    static IoUringTask tctx(Kernel k, TaskStruct t) {
        IoUringTask tctx = new IoUringTask(t, k.ioUring);
        t.setIoUring(tctx);
        k.callbacks.add(tctx.taskWork);
        return tctx;
    }

    @Test
    void percpu_ref_kill_dropsOnlyTheBaseReference_theAllocatedRequestsKeepTheirs() {
        Ring r = new Ring(2, false, false);
        // __io_alloc_req_refill@v6.18.32: the first io_alloc_req allocates IO_REQ_ALLOC_BATCH requests with one
        // percpu_ref_get_many; two are in flight, the other six wait in the request cache, each with its reference
        assertThat(r.ctx.refs()).isEqualTo(1 + IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(r.ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH - 2);
        assertThat(r.ctx.dying()).isFalse();
        r.ctx.percpu_ref_kill();
        assertThat(r.ctx.dying()).isTrue();
        assertThat(r.ctx.refs()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH);
        r.ctx.io_req_caches_free(); // __io_req_caches_free: percpu_ref_put_many for the cached ones only
        assertThat(r.ctx.refs()).isEqualTo(2);
        assertThat(r.ctx.cachedRequests()).isZero();
    }

    @Test
    void io_alloc_req_emptyCache_refillsABatch_andOnlyThenTakesOne() {
        Ring r = new Ring(0, false, false);
        assertThat(r.ctx.refs()).isEqualTo(1);
        for (int i = 0; i < IoRingCtx.IO_REQ_ALLOC_BATCH; i++) {
            r.ctx.io_alloc_req(); // the first refills; the next seven come from the cache
        }
        assertThat(r.ctx.refs()).isEqualTo(1 + IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(r.ctx.cachedRequests()).isZero();
        r.ctx.io_alloc_req(); // the ninth: __io_alloc_req_refill again
        assertThat(r.ctx.refs()).isEqualTo(1 + 2 * IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(r.ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH - 1);
    }

    @Test
    void io_req_normal_work_add_firstCompletionQueuesTctxTaskWork_laterOnesOnlyJoinTheList() {
        Ring r = new Ring(2, false, false);
        r.complete(r.reqs.get(0));
        r.complete(r.reqs.get(1));
        assertThat(r.tctx.taskList.peek()).containsExactly(r.reqs.get(1), r.reqs.get(0)); // an llist: newest first
        assertThat(TaskWork.queued(r.t)).containsExactly(r.tctx.taskWork); // queued once, on the empty to non-empty add
        assertThat(r.t.notifySignal()).isTrue(); // TWA_SIGNAL
        assertThat(r.ctx.workLlist.llist_empty()).isTrue();
        assertThat(r.reqs).noneMatch(IoKiocb::completed);
    }

    @Test
    void tctx_task_work_runsTheCompletionsOldestFirst_andIoFreeReqPutsTheFileThenTheRingReference() {
        Ring r = new Ring(2, false, false);
        assertThat(r.data.holders()).contains("req ring0.0", "req ring0.1");
        r.complete(r.reqs.get(0));
        r.complete(r.reqs.get(1));
        r.runTaskWork(r.t);
        assertThat(r.completedIds()).containsExactly(0, 1); // llist_del_all, then llist_reverse_order
        assertThat(r.reqs).allMatch(IoKiocb::completed).allMatch(IoKiocb::freed);
        assertThat(r.data.holders()).doesNotContain("req ring0.0", "req ring0.1");
        assertThat(r.data.released()).isFalse(); // fio's fd still holds it
        // io_free_batch_list@v6.18.32: io_req_add_to_cache, no percpu_ref_put: the freed requests keep their references
        assertThat(r.ctx.refs()).isEqualTo(1 + IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(r.ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(r.tctx.inflight()).isZero();
        assertThat(r.tctx.taskList.llist_empty()).isTrue();
    }

    @Test
    void io_put_file_fixedFile_isBorrowedFromTheTable_soFreeingTheRequestPutsNoFileReference() {
        Ring r = new Ring(1, false, true);
        int before = r.data.file_count();
        r.complete(r.reqs.get(0));
        r.runTaskWork(r.t);
        assertThat(r.reqs.get(0).freed()).isTrue();
        assertThat(r.data.file_count()).isEqualTo(before);
        assertThat(r.data.holders()).contains("fixed table ring0");
        assertThat(r.ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH);
    }

    @Test
    void io_req_local_work_add_deferTaskrun_queuesOnTheRingsWorkListAndNoTaskWork() {
        Ring r = new Ring(1, true, false);
        r.complete(r.reqs.get(0));
        assertThat(r.ctx.workLlist.peek()).containsExactly(r.reqs.get(0));
        assertThat(r.tctx.taskList.llist_empty()).isTrue();
        assertThat(TaskWork.queued(r.t)).isEmpty();
    }

    @Test
    void io_req_normal_work_add_afterExitTaskWork_fallsBackToTheRingsFallbackKworker() {
        Ring r = new Ring(1, false, false);
        r.t.setFlag(TaskStruct.PF_EXITING);
        r.runTaskWork(r.t); // exit_task_work: the empty swap installs work_exited
        r.complete(r.reqs.get(0));
        assertThat(r.k.marks()).containsKey("io_uring task_work_add -ESRCH: fallback");
        assertThat(r.ctx.fallbackLlist.peek()).containsExactly(r.reqs.get(0));
        assertThat(r.ctx.fallbackWork().pending()).isTrue();
        Kit.runAll(r.k); // io_fallback_req_func on its kworker
        assertThat(r.reqs.get(0).completed()).isTrue();
        assertThat(r.reqs.get(0).freed()).isTrue();
        assertThat(r.data.holders()).doesNotContain("req ring0.0");
        assertThat(r.ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH); // io_fallback_req_func frees into the cache too
    }

    @Test
    void io_uring_release_killsTheRefsAndQueuesTheExitWork_withoutWaitingForTheRequests() {
        Ring r = new Ring(1, false, false);
        r.t.call(r.k.ioUring.io_uring_release(r.t, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(r.t); // io_ring_ctx_wait_and_kill returns: the request is still in flight
        assertThat(r.ctx.dying()).isTrue();
        assertThat(r.ctx.refs()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH); // the base is gone; the batch's remain
        assertThat(r.reqs.get(0).freed()).isFalse();
        assertThat(r.ctx.exitWork().pending()).isTrue();
        assertThat(Kit.events(r.k)).contains(new Event.RingReleased("ring0"));
    }

    @Test
    void io_ring_exit_work_waitsForTheRingsReferences_thenFreesTheRingAndPutsTheFixedFiles() {
        Ring r = new Ring(1, false, true);
        r.t.call(r.k.ioUring.io_uring_release(r.t, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(r.t);
        Kworker exit = r.kworkerOf(r.ctx.exitWork());
        for (int guard = 0; exit.status() == Status.ENABLED && guard < 100; guard++) {
            exit.step(Kit.CX);
        }
        assertThat(exit.status()).isEqualTo(Status.BLOCKED);
        assertThat(exit.top().waitsFor()).contains("references of ring0");
        assertThat(r.ctx.refs()).isEqualTo(1); // the pass freed the batch's seven cached requests; the read holds one
        assertThat(r.ctx.freed()).isFalse();
        assertThat(r.data.holders()).contains("fixed table ring0");

        r.complete(r.reqs.get(0));
        r.runTaskWork(r.t); // the request is freed into the cache: its reference stays
        assertThat(r.ctx.refs()).isEqualTo(1);
        assertThat(r.ctx.cachedRequests()).isEqualTo(1);
        assertThat(exit.status()).isEqualTo(Status.ENABLED); // the wait can only time out: the next pass frees the cache
        Kit.runAll(r.k); // the refs wait is over; the tctx_list walk queues io_tctx_exit_cb on the live task
        assertThat(r.k.marks()).containsKey("io_ring_exit_work retry");
        assertThat(r.ctx.refs()).isZero();
        assertThat(r.ctx.freed()).isFalse();
        // io_ring_exit_work (io_uring/io_uring.c@v6.18.32) queues io_tctx_exit_cb on every task left
        // on the ring's tctx_list and waits for it
        assertThat(exit.top().waitsFor()).contains("io_tctx_exit_cb");
        r.runTaskWork(r.t); // the task runs it on its next return to user space
        Kit.runAll(r.k);
        assertThat(r.ctx.freed()).isTrue();
        assertThat(r.data.holders()).doesNotContain("fixed table ring0"); // io_sqe_files_unregister, from the kworker
    }

    /**
     * io_ring_exit_work@v6.18.32 (6.1.192 the same): each pass ends with io_req_caches_free, then
     * wait_for_completion_interruptible_timeout(&ctx->ref_comp, HZ/20). A request freed after that
     * free (io_free_batch_list → io_req_add_to_cache) keeps its reference, so ref_comp cannot
     * complete in this wait: it times out, and the next pass's __io_req_caches_free drops it.
     */
    @Test
    void io_ring_exit_work_requestFreedAfterThePassFreedTheCache_waitsForTheNextPass() {
        Ring r = new Ring(1, false, false);
        r.t.call(r.k.ioUring.io_uring_release(r.t, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(r.t);
        Kworker exit = r.kworkerOf(r.ctx.exitWork());
        for (int guard = 0; exit.status() == Status.ENABLED && guard < 100; guard++) {
            exit.step(Kit.CX); // pass 1: cancel, flush the fallback, io_req_caches_free; then the wait
        }
        assertThat(Kit.events(r.k)).contains(new Event.Step("io_ring_exit_work: io_req_caches_free"));
        assertThat(r.k.marks()).doesNotContainKey("io_ring_exit_work retry");

        r.complete(r.reqs.get(0));
        r.runTaskWork(r.t); // freed after pass 1's free
        assertThat(r.ctx.refs()).isEqualTo(1);
        exit.step(Kit.CX); // the wait times out: ctx->refs is not zero
        assertThat(r.k.marks()).containsEntry("io_ring_exit_work retry", 1);
        assertThat(r.ctx.refs()).isEqualTo(1);
        for (int guard = 0; r.ctx.refs() != 0 && guard < 100; guard++) {
            exit.step(Kit.CX); // pass 2, up to its io_req_caches_free
        }
        assertThat(r.ctx.refs()).isZero();
        assertThat(r.ctx.cachedRequests()).isZero();
        exit.step(Kit.CX); // pass 2's wait ends at once: the tctx_list walk comes next
        assertThat(r.k.marks()).containsEntry("io_ring_exit_work retry", 1);
        assertThat(exit.top().waitsFor()).contains("io_tctx_exit_cb");
    }

    /** With nothing freed since the pass's io_req_caches_free and a read still in flight, the wait does not loop. */
    @Test
    void io_ring_exit_work_readInFlight_nothingCached_theWaitBlocks() {
        Ring r = new Ring(2, true, false);
        r.t.call(r.k.ioUring.io_uring_release(r.t, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(r.t);
        Kworker exit = r.kworkerOf(r.ctx.exitWork());
        for (int guard = 0; exit.status() == Status.ENABLED && guard < 100; guard++) {
            exit.step(Kit.CX);
        }
        assertThat(r.ctx.refs()).isEqualTo(2);
        assertThat(r.ctx.cachedRequests()).isZero();
        assertThat(exit.status()).isEqualTo(Status.BLOCKED);
        assertThat(exit.top().waitsFor()).contains("ctx->refs 2, 0 of them cached");
    }

    @Test
    void io_uring_files_cancel_marksIoWqExiting_dropsTheTctxNodes_andWaitsForTheIoWqWorkers() {
        Ring r = new Ring(1, false, false, IoKiocb.State.IOWQ);
        IoWqWorker worker = r.k.addTask(new IoWqWorker(r.k, 102, r.fio, r.reqs.get(0)));
        r.tctx.addIoWqWorker(worker);
        r.t.call(r.k.ioUring.io_uring_files_cancel(r.t));
        for (int guard = 0; r.t.status() == Status.ENABLED && guard < 100; guard++) {
            r.t.step(Kit.CX);
        }
        assertThat(r.tctx.ioWqExiting()).isTrue();
        assertThat(r.ctx.tctxList()).isEmpty();
        assertThat(r.t.status()).isEqualTo(Status.BLOCKED);
        assertThat(r.t.top().waitsFor()).contains("io-wq workers");

        Kit.runToIdle(worker); // the read completes, IO_WQ_BIT_EXIT is set: the worker exits
        assertThat(worker.dead()).isTrue();
        assertThat(r.t.status()).isEqualTo(Status.ENABLED);
        Kit.runToIdle(r.t);
    }

    @Test
    void ioWqWorker_postsItsCompletionToTheSubmitter_thenStaysUntilSigkill() {
        Ring r = new Ring(1, false, false, IoKiocb.State.IOWQ);
        IoWqWorker worker = r.k.addTask(new IoWqWorker(r.k, 102, r.fio, r.reqs.get(0)));
        r.tctx.addIoWqWorker(worker);
        assertThat(worker.isKthread()).isFalse(); // PF_IO_WORKER, a thread of fio's group
        assertThat(worker.status()).isEqualTo(Status.ENABLED);
        worker.step(Kit.CX); // io_wq_submit_work: the read is done
        assertThat(r.tctx.taskList.peek()).containsExactly(r.reqs.get(0));
        assertThat(TaskWork.queued(r.t)).containsExactly(r.tctx.taskWork);
        assertThat(worker.status()).isEqualTo(Status.BLOCKED);

        worker.sigaddset_sigkill();
        assertThat(worker.status()).isEqualTo(Status.ENABLED);
        Kit.runToIdle(worker);
        assertThat(worker.dead()).isTrue();
        assertThat(worker.hasFlag(TaskStruct.PF_EXITING)).isTrue();
    }

    @Test
    void sqpollThread_onSigkill_runsTheRequestsTaskWorkUntilNoneIsInflight_thenExits() {
        Kernel k = Kit.kernel();
        World w = new World(k);
        VfsMount mnt = w.mount("/mnt", w.bdev("loop0"));
        SignalStruct fio = w.process(100, "fio");
        TaskStruct t = task(k, fio, 101);
        File data = w.open(fio, "foo", mnt, null);
        IoRingCtx ctx = new IoRingCtx(k, "ring0", false, true);
        k.ioUring.setupRing(ctx);
        k.rings.add(ctx);
        IoUringTask owner = tctx(k, t);
        ctx.addTctx(owner);
        owner.addRing(ctx);
        SqpollThread sqd = k.addTask(new SqpollThread(k, 102, fio, t.pid));
        ctx.setSubmitterTask(sqd);
        IoUringTask tctx = tctx(k, sqd);
        tctx.addRing(ctx);
        IoKiocb req = new IoKiocb(k.tracker, 0, ctx, tctx, data, false, false, IoKiocb.State.INFLIGHT);
        k.fileTable.fget(data, req.holder(), World.SETUP);
        ctx.addRequest(req);
        tctx.requestSubmitted();

        assertThat(sqd.status()).isEqualTo(Status.BLOCKED); // io_sq_thread runs until a fatal signal
        sqd.sigaddset_sigkill();
        sqd.step(Kit.CX); // io_uring_cancel_generic(cancel_all=true): counts every inflight request
        assertThat(sqd.status()).isEqualTo(Status.BLOCKED);

        Kit.runToIdle(k.addTask(new IrqContext(k, "irq/0", (cur, cx) -> k.ioUring.io_req_task_work_add(cur, req, cx))));
        assertThat(TaskWork.queued(sqd)).containsExactly(tctx.taskWork); // the request's task is the SQPOLL thread
        assertThat(sqd.status()).isEqualTo(Status.ENABLED);
        Kit.runToIdle(sqd);
        assertThat(req.freed()).isTrue();
        assertThat(data.holders()).doesNotContain(req.holder());
        assertThat(tctx.inflight()).isZero();
        assertThat(ctx.cachedRequests()).isEqualTo(IoRingCtx.IO_REQ_ALLOC_BATCH);
        assertThat(sqd.dead()).isTrue();
    }
}
