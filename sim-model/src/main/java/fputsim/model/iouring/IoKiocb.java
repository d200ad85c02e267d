package fputsim.model.iouring;

import fputsim.explore.Tracker;
import fputsim.model.fs.File;

/**
 * Models: struct io_kiocb (io_uring/io_uring.h, Linux 6.18): a read request that holds a
 * reference to the file it reads (req->file, taken by io_file_get_normal; borrowed from the ring's
 * table when REQ_F_FIXED_FILE), and a reference on its ring (ctx->refs) until it is freed.
 * Its completion state (completed, result, freed) is private, declared under {@link #key}.
 * Leaves out: links, drains, buffer selection, REQ_F_INFLIGHT tracking (no request here reads an
 * io_uring file, so tctx->inflight_tracked stays zero: exit waits for none of them).
 * Checked by: IoUringTest.
 */
public final class IoKiocb {
    /** Where the request is when the kill arrives (the model's abstraction of fio's loop). */
    public enum State {
        /** In the block layer or waiting on a page: completes from interrupt context. */
        INFLIGHT,
        /** Punted to io-wq: an iou-wrk thread is blocked in the read. */
        IOWQ
    }

    public final int id;
    public final IoRingCtx ctx;
    public final IoUringTask tctx;
    public final File file;
    public final boolean fixedFile;
    public final boolean buffered;
    public final State state;
    public final String key;
    private final Tracker tracker;
    private boolean completed;
    private boolean freed;
    private int res;
    /** In the block layer (or waiting on its page): its completion may fire (fio's loop only). */
    private boolean issued;
    /** How often fio's loop has submitted this request object again (0: only the set-up submission). */
    private int resubmissions;

    public IoKiocb(Tracker tracker, int id, IoRingCtx ctx, IoUringTask tctx, File file, boolean fixedFile, boolean buffered, State state) {
        this.tracker = tracker;
        this.id = id;
        this.ctx = ctx;
        this.tctx = tctx;
        this.file = file;
        this.fixedFile = fixedFile;
        this.buffered = buffered;
        this.state = state;
        this.key = "req:" + ctx.name + "." + id;
        this.holder = "req " + ctx.name + "." + id;
        this.issued = state == State.INFLIGHT;
    }

    /**
     * io_issue_sqe() → io_read() of a request fio's loop submits again (io_submit_sqes, the
     * request object taken from the ring's cache): a fresh request in the block layer.
     */
    void io_issue() {
        tracker.write(key);
        completed = false;
        freed = false;
        res = 0;
        issued = true;
        resubmissions++;
    }

    /**
     * The read finished in the block layer (the bio's end_io, or the page unlock that wakes
     * io_async_buf_func): what io_complete_rw starts from. Only fio's loop asks: without it each
     * request completes once, from set-up, and nothing reads this.
     */
    public void io_complete_rw() {
        tracker.write(key);
        issued = false;
    }

    /** In the block layer: the completion interrupt of fio's loop may fire. */
    public boolean issued() {
        tracker.read(key);
        return issued;
    }

    /** How often fio's loop has resubmitted this request (for tests and reports). */
    public int resubmissions() {
        tracker.read(key);
        return resubmissions;
    }

    /** io_req_set_res(): the request completed with {@code result}. */
    void complete(int result) {
        tracker.write(key);
        completed = true;
        res = result;
    }

    void markFreed() {
        tracker.write(key);
        freed = true;
    }

    public boolean completed() {
        tracker.read(key);
        return completed;
    }

    public boolean freed() {
        tracker.read(key);
        return freed;
    }

    public int res() {
        tracker.read(key);
        return res;
    }

    /** The ledger's name for the reference this request holds. */
    public String holder() {
        return holder;
    }

    private final String holder;

    @Override
    public String toString() {
        return holder();
    }
}
