package fputsim.model;

import fputsim.explore.Status;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.scenario.World;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.variant.Baseline61;
import fputsim.model.variant.Baseline618;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DEFER_TASKRUN completions of an exiting submitter (io_uring/io_uring.c), 6.1 against 6.18. */
class DeferTaskrunTest {
    /** One fio job thread with a DEFER_TASKRUN ring and {@code depth} buffered reads in flight. */
    static final class Rig {
        final Kernel k;
        final TaskStruct fio;
        final SignalStruct group;
        final File data;
        final TaskStruct irq;
        final IoRingCtx ctx;
        final IoUringTask tctx;
        final List<IoKiocb> reqs = new ArrayList<>();

        Rig(Variant v, int depth) {
            this(v, depth, 0);
        }

        /** The first {@code iowq} requests are held by io-wq workers (iou-wrk threads of the group). */
        Rig(Variant v, int depth, int iowq) {
            k = new Kernel(v);
            World w = new World(k);
            VfsMount m = w.mount("/mnt", w.bdev("loop0"));
            SignalStruct g = w.process(100, "fio");
            group = g;
            fio = w.thread(g, 101, k.exit.new KillableSleep("io_cqring_wait"));
            data = w.open(g, "foo", m, null);
            ctx = new IoRingCtx(k, "ring0", true, false);
            k.ioUring.setupRing(ctx);
            k.rings.add(ctx);
            ctx.setRingFile(w.open(g, "[io_uring:ring0]", null, (cur, f) -> k.ioUring.io_uring_release(cur, f, ctx)));
            tctx = new IoUringTask(fio, k.ioUring);
            fio.setIoUring(tctx);
            k.callbacks.add(tctx.taskWork);
            ctx.addTctx(tctx);
            tctx.addRing(ctx);
            ctx.setSubmitterTask(fio);
            for (int i = 0; i < depth; i++) {
                IoKiocb r = new IoKiocb(k.tracker, i, ctx, tctx, data, false, true, i < iowq ? IoKiocb.State.IOWQ : IoKiocb.State.INFLIGHT);
                k.fileTable.fget(data, r.holder(), World.SETUP);
                ctx.addRequest(r);
                tctx.requestSubmitted();
                reqs.add(r);
                if (i < iowq) {
                    tctx.addIoWqWorker(k.addTask(new fputsim.model.iouring.IoWqWorker(k, 200 + i, g, r)));
                }
            }
            irq = Kit.task(k, 300, "irq");
        }

        /** io_complete_rw → __io_req_task_work_add, from interrupt context. */
        void complete(int i) {
            k.beginStep(irq, Kit.CX);
            k.ioUring.io_req_task_work_add(irq, reqs.get(i), Kit.CX);
        }

        /** io_uring_files_cancel's atomic_inc(&tctx->in_idle) (io_wq_exit_start in the model). */
        void enterCancel() {
            k.beginStep(fio, Kit.CX);
            tctx.io_wq_exit_start();
        }

        /**
         * do_exit's PF_EXITING, then exit_task_work: the empty swap installs work_exited, so every
         * later task_work_add on the thread fails with -ESRCH (kernel/task_work.c).
         */
        void passExitTaskWork() {
            k.beginStep(fio, Kit.CX);
            fio.setFlag(TaskStruct.PF_EXITING);
            fio.call(k.taskWork.task_work_run());
            while (fio.top().function().equals("task_work_run")) {
                fio.step(Kit.CX);
            }
        }

        /** Steps the kworkers (fallback work, exit work), lowest first, until none is enabled. */
        void runKworkers() {
            for (int guard = 0; guard < 10_000; guard++) {
                TaskStruct next = null;
                for (TaskStruct t : k.actors()) {
                    if (t instanceof Kworker && t.status() == Status.ENABLED) {
                        next = t;
                        break;
                    }
                }
                if (next == null) {
                    return;
                }
                next.step(Kit.CX);
            }
            throw new AssertionError("runaway");
        }
    }

    /**
     * io_req_local_work_add@6.1-rc6/6.1.192: the add that makes work_llist non-empty while the
     * submitter is in_idle calls io_move_task_work_from_local, which re-queues the request as the
     * submitter's own task_work (__io_req_task_work_add(req, false)), not on the fallback list.
     */
    @Test
    void localWorkAdd_61_submitterInIdle_requeuesAsTheTasksOwnTaskWork() {
        Rig r = new Rig(new Baseline61(), 1);
        r.enterCancel();
        r.complete(0);
        assertThat(r.ctx.workLlist.peek()).isEmpty();
        assertThat(r.tctx.taskList.peek()).containsExactly(r.reqs.get(0));
        assertThat(TaskWork.queued(r.fio)).contains(r.tctx.taskWork);
        assertThat(r.ctx.fallbackLlist.peek()).isEmpty();
    }

    /**
     * The second 6.1 route (io_req_local_work_add → io_move_task_work_from_local →
     * __io_req_task_work_add(req, false)@6.1.192): a read that completes after its job thread
     * passed exit_task_work (fio's threads exit one by one, a thread's own ring can still have a
     * read in flight) is moved as well, but task_work_add fails with -ESRCH, so it goes to
     * ctx->fallback_llist and schedule_delayed_work(&ctx->fallback_work, 1); io_fallback_req_func
     * runs it in a kworker, where io_req_task_submit fails it with -EFAULT (the -14 of the 6.1
     * qemu captures, docs/kernel-notes.md §21) and io_put_file puts the file from a kthread.
     */
    @Test
    void localWorkAdd_61_submitterPastExitTaskWork_fallsBackToTheFallbackWork() {
        Rig r = new Rig(new Baseline61(), 1);
        r.enterCancel();
        r.passExitTaskWork();
        r.complete(0);
        assertThat(r.k.marks()).containsKeys("io_req_local_work_add: in_idle, move local work",
                "io_uring task_work_add -ESRCH: fallback");
        assertThat(r.ctx.workLlist.peek()).isEmpty();
        assertThat(r.tctx.taskList.peek()).isEmpty();
        assertThat(r.ctx.fallbackLlist.peek()).containsExactly(r.reqs.get(0));
        assertThat(r.ctx.fallbackWork().pending()).isTrue();
        r.runKworkers();
        IoKiocb req = r.reqs.get(0);
        assertThat(req.completed()).isTrue();
        assertThat(req.res()).isEqualTo(-Errno.EFAULT);
        assertThat(req.freed()).isTrue();
        assertThat(r.data.holders()).doesNotContain(req.holder());
    }

    /**
     * io_ring_exit_work@6.1.192 calls io_move_task_work_from_local(ctx) in its loop: local work
     * queued before in_idle (never moved by a later add) is re-queued through
     * __io_req_task_work_add(req, false); once the submitter has passed exit_task_work that is
     * -ESRCH and the fallback worker. A read still in flight then completes into the emptied
     * list, in_idle still set, and reaches the fallback the same way; the exit work's refs wait
     * ends only after it. Both are the route of the busy 6.1 captures (the fallback's final put
     * through delayed_fput after wait() returned).
     */
    @Test
    void exitWork_61_submitterGone_movesLocalWorkToTheFallback_andALaterCompletionFollows() {
        Rig r = new Rig(new Baseline61(), 2);
        r.complete(0); // while the job still runs: it stays on work_llist
        r.enterCancel();
        r.k.beginStep(r.fio, Kit.CX);
        r.ctx.io_uring_del_tctx_node(r.tctx); // io_uring_clean_tctx, the end of io_uring_cancel_generic
        r.passExitTaskWork();
        assertThat(r.ctx.workLlist.peek()).containsExactly(r.reqs.get(0));
        TaskStruct last = Kit.task(r.k, 400, "fio-last"); // the thread whose exit_files closes the ring
        last.call(r.k.ioUring.io_uring_release(last, r.ctx.ringFile(), r.ctx));
        Kit.runToIdle(last);
        assertThat(r.ctx.exitWork().pending()).isTrue();
        r.runKworkers();
        assertThat(r.k.marks()).containsKey("io_uring task_work_add -ESRCH: fallback");
        assertThat(r.reqs.get(0).res()).isEqualTo(-Errno.EFAULT);
        assertThat(r.reqs.get(0).freed()).isTrue();
        assertThat(r.reqs.get(1).completed()).isFalse();
        assertThat(r.ctx.freed()).isFalse(); // the exit work waits for the read in flight
        r.complete(1);
        assertThat(r.ctx.fallbackLlist.peek()).containsExactly(r.reqs.get(1));
        r.runKworkers();
        assertThat(r.reqs.get(1).res()).isEqualTo(-Errno.EFAULT);
        assertThat(r.reqs.get(1).freed()).isTrue();
        assertThat(r.ctx.freed()).isTrue();
        assertThat(r.tctx.taskList.peek()).isEmpty();
    }

    /** The same on 6.18 (io_req_local_work_add@v6.18.32): the completion waits on work_llist. */
    @Test
    void localWorkAdd_618_submitterInCancel_staysOnTheRingsLocalList() {
        Rig r = new Rig(new Baseline618(), 1);
        r.enterCancel();
        r.complete(0);
        assertThat(r.ctx.workLlist.peek()).containsExactly(r.reqs.get(0));
        assertThat(r.tctx.taskList.peek()).isEmpty();
        assertThat(r.ctx.fallbackLlist.peek()).isEmpty();
    }

    /**
     * 6.1: only the empty → non-empty add moves. An item queued before in_idle stays on the list,
     * and so does a later one added to the non-empty list: both wait for io_ring_exit_work.
     */
    @Test
    void localWorkAdd_61_listAlreadyNonEmpty_doesNotMove() {
        Rig r = new Rig(new Baseline61(), 2);
        r.complete(0);
        r.enterCancel();
        r.complete(1);
        assertThat(r.ctx.workLlist.peek()).containsExactlyInAnyOrder(r.reqs.get(0), r.reqs.get(1));
        assertThat(r.tctx.taskList.peek()).isEmpty();
    }

    /** 6.1: not in_idle, the ring not dying: the completion waits on work_llist, as on 6.18. */
    @Test
    void localWorkAdd_61_notInIdle_staysOnTheRingsLocalList() {
        Rig r = new Rig(new Baseline61(), 1);
        r.complete(0);
        assertThat(r.ctx.workLlist.peek()).containsExactly(r.reqs.get(0));
        assertThat(r.ctx.fallbackLlist.peek()).isEmpty();
    }

    /**
     * io_uring_cancel_generic@v6.18.32 (and @6.1.192 with in_idle): with cancel_all false the
     * counter is left set ("just leave ->in_cancel set for normal exit").
     */
    @Test
    void cancelGeneric_onExit_leavesInIdleSet() {
        Rig r = new Rig(new Baseline61(), 1);
        TaskStruct t = Kit.task(r.k, 400, "exiting");
        IoUringTask tctx = new IoUringTask(t, r.k.ioUring);
        t.setIoUring(tctx);
        t.call(r.k.ioUring.io_uring_files_cancel(t));
        Kit.runToIdle(t);
        assertThat(tctx.inIdle()).isTrue();
    }

    /**
     * io_cqring_wait@v6.18.32 (and io_cqring_wait_schedule@6.1.192): SIGKILL wakes the submitter,
     * which runs its ring's pending local work, not cancelled, before it breaks out: a re-issued
     * buffered read fails on the pending fatal signal (filemap_get_pages: -EINTR) and is freed in
     * the task, its file put not the last one (the fd table holds the file).
     */
    @Test
    void killedInCqringWait_runsPendingLocalWorkUncancelledBeforeTheExit() {
        for (Variant v : List.of(new Baseline618(), new Baseline61())) {
            Rig r = new Rig(v, 2);
            r.complete(0);
            r.k.beginStep(r.irq, Kit.CX);
            r.k.exit.kill(r.group, Kit.CX);
            r.k.beginStep(r.fio, Kit.CX);
            r.fio.step(Kit.CX); // io_cqring_wait: the fatal signal wakes it; io_run_local_work is called
            assertThat(r.fio.top().function()).isEqualTo("io_run_local_work");
            while (r.fio.top().function().equals("io_run_local_work")) {
                r.fio.step(Kit.CX);
            }
            IoKiocb done = r.reqs.get(0);
            assertThat(done.completed()).as(v.name()).isTrue();
            assertThat(done.res()).isEqualTo(-Errno.EINTR); // not -EFAULT: not cancelled
            assertThat(done.freed()).isTrue();
            assertThat(r.ctx.workLlist.peek()).isEmpty();
            assertThat(r.ctx.fallbackLlist.peek()).isEmpty();
            assertThat(r.data.file_count()).isEqualTo(2); // the fd table and the request still in flight
            assertThat(r.reqs.get(1).completed()).isFalse(); // a later completion goes to the exit path
            assertThat(r.fio.top().function()).isEqualTo("io_cqring_wait"); // then get_signal's task_work_run, do_group_exit
        }
    }

    /** A killed task sleeping anywhere else (pread64) has no local work to run. */
    @Test
    void killedInAnotherSleep_goesStraightToTaskWork() {
        Rig r = new Rig(new Baseline618(), 1);
        TaskStruct other = r.k.addTask(new TaskStruct(r.k, 150, "fio", 0, r.group));
        other.call(r.k.exit.new KillableSleep("pread64"));
        r.complete(0);
        r.k.beginStep(r.irq, Kit.CX);
        r.k.exit.kill(r.group, Kit.CX);
        r.k.beginStep(other, Kit.CX);
        other.step(Kit.CX);
        assertThat(other.top().function()).isEqualTo("task_work_run");
        assertThat(r.ctx.workLlist.peek()).containsExactly(r.reqs.get(0));
    }
}
