package fputsim.model.iouring;

import fputsim.model.fs.File;

/**
 * Models: struct io_kiocb (io_uring/io_uring.h, Linux 6.18): a read request that holds a
 * reference to the file it reads (req->file, taken by io_file_get_normal; borrowed from the ring's
 * table when REQ_F_FIXED_FILE), and a reference on its ring (ctx->refs) until it is freed.
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
    public State state;
    public boolean completed;
    public boolean freed;
    public int res;

    public IoKiocb(int id, IoRingCtx ctx, IoUringTask tctx, File file, boolean fixedFile, boolean buffered) {
        this.id = id;
        this.ctx = ctx;
        this.tctx = tctx;
        this.file = file;
        this.fixedFile = fixedFile;
        this.buffered = buffered;
    }

    /** The ledger's name for the reference this request holds. */
    public String holder() {
        return "req " + ctx.name + "." + id;
    }

    @Override
    public String toString() {
        return holder();
    }
}
