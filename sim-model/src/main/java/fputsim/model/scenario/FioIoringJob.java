package fputsim.model.scenario;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: fio's I/O loop for one io_uring job thread (fio-3.33, axboe/fio tag fio-3.33:
 * backend.c do_io → io_u_queued_complete / td_io_queue / td_io_commit, and engines/io_uring.c
 * fio_ioring_getevents, fio_ioring_queue, fio_ioring_commit), as the kernel sees it through
 * io_uring_enter(2): the job starts with iodepth reads in flight (fio's first batch); each round
 * it waits for at least one completion (fio_ioring_getevents: io_uring_enter(fd, 0, min_complete
 * 1, IORING_ENTER_GETEVENTS) → io_cqring_wait, which runs the completions the task has to run:
 * DEFER_TASKRUN local work, task_work), reaps the CQEs (fio_ioring_cqring_reap, user space),
 * queues a read for every free slot (fio_ioring_queue: an SQE, FIO_Q_QUEUED) and submits them
 * (fio_ioring_commit: io_uring_enter(fd, queued, 0, IORING_ENTER_GETEVENTS) → io_submit_sqes).
 * After {@code rounds} rounds it waits in io_cqring_wait until the kill, as the model without the
 * loop does: completions that come then wait for the kill (the bound of the untimed search).
 *
 * <p>The kill can find the thread in three places, each chosen by the explorer through the
 * signal's footprint: asleep in io_cqring_wait (iodepth or fewer in flight; the kill wakes it:
 * {@link fputsim.model.exit.Exit#killedInSleep}), inside its completions (the rest run with the
 * signal pending), or in user space after reaping (0..iodepth-1 in flight: the signal is taken on
 * the way back to user space, {@link fputsim.model.exit.Exit#signalOnReturnToUser}); after a kill
 * no SQE is submitted.
 * Leaves out: fio's user-space time and its accounting, iodepth_batch_* other than the defaults
 * (submit every queued I/O at once, complete at least 1), the commit's own GETEVENTS (with
 * min_complete 0 it only runs local work already pending, which the next wait runs), reads that
 * complete inside the submission (they reach the same states as a completion that comes at once),
 * the end of the job (a job that completes its I/O and exits is scenario 08).
 * Checked by: FioIoringJobTest.
 */
public final class FioIoringJob extends Frame {
    /** The loop's steps, at their program counters (their places in the enum). */
    public enum Step implements NumberedLabel {
        /** fio_ioring_getevents' io_uring_enter: asleep in io_cqring_wait until a completion or the kill. */
        GETEVENTS,
        /** Back in fio: reap the CQEs, queue a read per free slot, fio_ioring_commit's io_uring_enter. */
        REAP_AND_COMMIT;

        private static final Step[] ALL = values();
    }

    private final Kernel k;
    private final int rounds;
    private int round;

    /** A job that runs {@code rounds} (at least 1) rounds of its loop before its last wait. */
    public FioIoringJob(Kernel k, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("fio's loop needs at least one round, got " + rounds);
        }
        this.k = k;
        this.rounds = rounds;
    }

    @Override
    public String function() {
        return "fio_ioring_getevents";
    }

    @Override
    public Step label() {
        return labelAt(Step.ALL, pc);
    }

    /** The rounds this job has finished (submitted again). */
    public int round() {
        return round;
    }

    @Override
    public boolean enabled(TaskStruct t) {
        if (label() == Step.GETEVENTS) {
            return t.fatal_signal_pending() | k.ioUring.io_cqring_wait_has_events(t);
        }
        return true;
    }

    @Override
    public String waitsFor() {
        return "a completion to run or a fatal signal (io_cqring_wait, min_complete 1)";
    }

    @Override
    public boolean step(TaskStruct t, StepContext cx) {
        if (label() == Step.GETEVENTS) {
            boolean killed = t.fatal_signal_pending();
            boolean events = k.ioUring.io_cqring_wait_has_events(t); // the guard's reads
            if (killed) {
                k.exit.killedInSleep(t, "io_cqring_wait");
                return true;
            }
            k.emit(new Event.Step("io_cqring_wait: woken by a completion (round " + (round + 1) + ")"));
            go(Step.REAP_AND_COMMIT);
            k.ioUring.io_cqring_wait_woken(t);
            return false;
        }
        if (t.fatal_signal_pending()) {
            k.emit(new Event.Step("fio: SIGKILL taken in user space, after reaping"));
            t.call(k.exit.signalOnReturnToUser());
            return true;
        }
        List<IoKiocb> free = new ArrayList<>();
        for (IoRingCtx ctx : rings(t)) {
            for (IoKiocb req : ctx.requests()) {
                if (req.freed()) {
                    free.add(req);
                }
            }
        }
        k.ioUring.io_submit_sqes(t, free, cx);
        round++;
        if (round == rounds) {
            t.call(k.exit.new KillableSleep("io_cqring_wait"));
            return true;
        }
        go(Step.GETEVENTS);
        return false;
    }

    private static List<IoRingCtx> rings(TaskStruct t) {
        IoUringTask tctx = t.ioUring();
        return tctx == null ? List.of() : tctx.rings();
    }
}
