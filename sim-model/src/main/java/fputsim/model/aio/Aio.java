package fputsim.model.aio;

import fputsim.explore.StepContext;
import fputsim.explore.Tracker;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: fs/aio.c (Linux 6.18), the contrast path: a kioctx whose in-flight kiocbs hold file
 * references, completion (aio_complete_rw → iocb_put → iocb_destroy: fput(ki_filp), then
 * percpu_ref_put(&ctx->reqs)), and exit_aio, called from exit_mm when the mm's last user goes,
 * which kills every kioctx and waits until its requests are gone, before exit_files.
 * Buffered reads through libaio complete inside io_submit (no request is in flight when the
 * kill arrives), which is why the real kernel never shows EBUSY with libaio here. A direct-I/O
 * request completes from interrupt context, but exit_aio waits for it before exit_files, so its
 * fput is never the last one: the fd table's is, and the exiting task releases it itself.
 * Leaves out: the ring buffer, io_getevents, eventfd, cancellation (kiocb_cancel), poll/fsync.
 * Checked by: Scenario04 (its expected verdicts).
 */
public class Aio {
    protected final Kernel kernel;

    public Aio(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * struct kioctx: its in-flight requests (ctx->reqs) and whether it was killed; private,
     * declared under {@link #key}.
     */
    public static final class Kioctx {
        private final Tracker tracker;
        private final List<Kiocb> reqs = new ArrayList<>();
        private boolean dead;
        public final String key = "kioctx";

        public Kioctx(Tracker tracker) {
            this.tracker = tracker;
        }

        /** Set-up: a request in flight (percpu_ref_get(&ctx->reqs)). */
        public void addRequest(Kiocb req) {
            if (tracker.inStep()) {
                throw new IllegalStateException("aio requests are set up before the first step");
            }
            reqs.add(req);
        }

        /** The requests not yet destroyed. */
        public List<Kiocb> reqs() {
            tracker.read(key);
            return Collections.unmodifiableList(reqs);
        }

        /** kill_ioctx(): percpu_ref_kill(&ctx->users). */
        void kill_ioctx() {
            tracker.write(key);
            dead = true;
        }

        public boolean dead() {
            tracker.read(key);
            return dead;
        }

        /** iocb_destroy's percpu_ref_put(&ctx->reqs). */
        void destroyed(Kiocb req) {
            tracker.write(key);
            req.done = true;
            reqs.remove(req);
        }
    }

    /** struct aio_kiocb: holds a reference to ki_filp until iocb_destroy. */
    public static final class Kiocb {
        public final int id;
        public final File file;
        public final Kioctx ctx;
        private boolean done;

        /** iocb_destroy has run. */
        public boolean done() {
            ctx.tracker.read(ctx.key);
            return done;
        }

        public Kiocb(int id, File file, Kioctx ctx) {
            this.id = id;
            this.file = file;
            this.ctx = ctx;
        }

        public String holder() {
            return "aio kiocb " + id;
        }
    }

    /** exit_mm(): the mm's last user runs exit_aio (the mm is shared by the group's threads). */
    public Frame exit_mm(TaskStruct t, StepContext cx) {
        SignalStruct g = t.group;
        if (g == null || g.kioctx() == null) {
            return null;
        }
        if (!g.mmput()) {
            return null;
        }
        return new ExitAio(g.kioctx());
    }

    /** exit_aio(): kill_ioctx, then wait until every request of the context has been destroyed. */
    public final class ExitAio extends Frame {
        private final Kioctx ctx;

        ExitAio(Kioctx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String function() {
            return "exit_aio";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return pc == 0 || ctx.reqs().isEmpty();
        }

        @Override
        public String waitsFor() {
            return "the kioctx's " + ctx.reqs().size() + " request(s) to be destroyed (exit_aio)";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (pc == 0) {
                ctx.kill_ioctx();
                kernel.emit(new Event.Step("exit_aio: kill_ioctx, wait for reqs"));
                pc = 1;
                return false;
            }
            kernel.emit(new Event.Step("exit_aio: all requests gone"));
            return true;
        }
    }

    /** aio_complete_rw() → iocb_put() → iocb_destroy(): fput(ki_filp), then drop the ctx's reqs ref. */
    public void aio_complete_rw(TaskStruct current, Kiocb req, StepContext cx) {
        kernel.emit(new Event.RequestCompleted("aio", req.id, 0, req.file.name));
        kernel.fileTable.fput(current, req.file, req.holder(), cx);
        req.ctx.destroyed(req);
    }
}
