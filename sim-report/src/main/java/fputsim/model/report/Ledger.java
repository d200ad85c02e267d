package fputsim.model.report;

import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUringTask;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.WorkStruct;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference ledger: after a step, who holds each file and mount reference, and which deferred
 * item will drop it (the task_work of which task, a ring's local work or fallback list, a tctx
 * task_list, delayed_fput_list, a queued work item). The deferred queues themselves are listed
 * too; {@link Deferrals} turns their changes from step to step into queue -> run arrows.
 * Reads the model's objects only; never changes them.
 */
public final class Ledger {
    /** One reference: who holds it, and what will drop it ("" when nothing deferred will). */
    public record Ref(String holder, String droppedBy) {
        public String describe() {
            return droppedBy.isEmpty() ? holder : holder + " <- " + droppedBy;
        }
    }

    /** A counted object (a file's f_count, a mount's mnt_count) and its references. */
    public record Count(String object, String counter, int value, String state, List<Ref> refs) {
        public String describe() {
            List<String> rs = new ArrayList<>();
            refs.forEach(r -> rs.add(r.describe()));
            return object + " " + counter + "=" + value + (state.isEmpty() ? "" : " " + state)
                    + (state.equals("released") ? "" : " " + rs);
        }
    }

    /** An item waiting on a deferred queue, and who will run it. */
    public record Pending(String queue, String item, String runBy) {
    }

    /** The ledger after {@code step}, which {@code actor} ran. */
    public record Snapshot(int step, String actor, List<Count> counts, List<Pending> pending) {
        /** The queue an item waits on, or "" if it waits on none. */
        public String queueOf(String item) {
            for (Pending p : pending) {
                if (p.item.equals(item)) {
                    return p.queue;
                }
            }
            return "";
        }

        /** One line, as {@code --detail full} prints it. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            counts.forEach(c -> parts.add(c.describe()));
            List<String> queues = new ArrayList<>();
            for (Pending p : pending) {
                String last = queues.isEmpty() ? "" : queues.get(queues.size() - 1);
                if (last.startsWith(p.queue + "=[")) {
                    queues.set(queues.size() - 1, last.substring(0, last.length() - 1) + ", " + p.item + "]");
                } else {
                    queues.add(p.queue + "=[" + p.item + "]");
                }
            }
            if (!queues.isEmpty()) {
                parts.add("pending " + String.join(" ", queues));
            }
            return String.join("; ", parts);
        }
    }

    private Ledger() {
    }

    /** Records the ledger after every step, through the kernel's step listener. */
    public static final class Recorder implements Kernel.StepListener {
        private final List<Snapshot> after = new ArrayList<>();

        @Override
        public void stepEnded(Kernel k) {
            after.add(of(k));
        }
    }

    /** Sets {@code k} up to record the state after each step (for {@code --detail full} and reports). */
    public static void record(Kernel k) {
        k.addStepListener(new Recorder());
    }

    /** The ledger after each step so far (index 0: after step 1), the last step's taken now. */
    public static List<Snapshot> history(Kernel k) {
        Recorder r = k.stepListener(Recorder.class);
        if (r == null) {
            throw new IllegalStateException("this kernel records no ledger: set it up with Ledger::record");
        }
        List<Snapshot> out = new ArrayList<>(r.after);
        if (k.stepNumber() > 0) {
            out.add(of(k));
        }
        return out;
    }

    /** The state after each step so far, one line each (index 0: after step 1). */
    public static List<String> states(Kernel k) {
        return history(k).stream().map(Snapshot::describe).toList();
    }

    public static String describe(Kernel k) {
        return of(k).describe();
    }

    /** The ledger now: the step that just ran is the kernel's current step. */
    public static Snapshot of(Kernel k) {
        List<Pending> pending = pending(k);
        Snapshot bare = new Snapshot(k.stepNumber(), k.current() == null ? "" : k.current().traceName(), List.of(), pending);
        List<Count> counts = new ArrayList<>();
        for (File f : k.files) {
            if (f.mnt == null) {
                continue; // anon-inode files (a ring's own file) pin no mount
            }
            List<Ref> refs = new ArrayList<>();
            for (String h : f.holders()) {
                refs.add(new Ref(h, fileRefDroppedBy(k, bare, h)));
            }
            String state = f.released() ? "released" : f.file_count() == 0 ? "final fput " + finalFput(bare, f) : "";
            counts.add(new Count(f.name, "f_count", f.file_count(), state, refs));
        }
        for (VfsMount m : k.mounts) {
            List<Ref> refs = new ArrayList<>();
            for (String h : m.holders()) {
                refs.add(new Ref(h, mountRefDroppedBy(k, bare, h)));
            }
            counts.add(new Count(m.target, "mnt_count", m.mnt_get_count(), m.attached() ? "" : "detached", refs));
        }
        return new Snapshot(bare.step, bare.actor, counts, pending);
    }

    /** Every deferred queue with its items, in a fixed order (tasks, rings, global lists, works). */
    static List<Pending> pending(Kernel k) {
        List<Pending> out = new ArrayList<>();
        for (TaskStruct t : k.actors()) {
            for (CallbackHead h : TaskWork.queued(t)) {
                out.add(new Pending("task_works(" + t.name() + ")", h.name(), "task_work_run in " + t.name()));
            }
            if (t.ioUring() != null) {
                IoUringTask tctx = t.ioUring();
                add(out, tctx.taskList, "tctx_task_work in " + t.name());
            }
        }
        for (IoRingCtx r : k.rings) {
            String submitter = r.submitterTask() == null ? "the submitter" : r.submitterTask().name();
            add(out, r.workLlist, submitter + " (DEFER_TASKRUN), or io_ring_exit_work moves it to the fallback list");
            add(out, r.fallbackLlist, "io_fallback_req_func (kworker)");
        }
        add(out, k.fileTable.delayedFputList, "delayed_fput (kworker)");
        add(out, k.namespace.delayedMntputList, "delayed_mntput (kworker)");
        for (TaskStruct t : k.actors()) {
            if (t instanceof Kworker w && w.work().pending()) {
                WorkStruct ws = w.work();
                out.add(new Pending("workqueue(" + ws.workqueue + ")", ws.function, w.name()));
            }
        }
        return out;
    }

    private static void add(List<Pending> out, Llist<?> list, String runBy) {
        for (Object o : list.peek()) {
            out.add(new Pending(list.toString(), o instanceof IoKiocb r ? r.holder() : String.valueOf(o), runBy));
        }
    }

    /** What drops a file reference held by {@code holder}. */
    static String fileRefDroppedBy(Kernel k, Snapshot s, String holder) {
        for (IoRingCtx r : k.rings) {
            for (IoKiocb req : r.requests()) {
                if (req.holder().equals(holder)) {
                    String q = s.queueOf(holder);
                    if (!q.isEmpty()) {
                        return q;
                    }
                    if (req.completed()) {
                        return "io_free_req (running)";
                    }
                    return req.state == IoKiocb.State.IOWQ ? "io-wq worker (read in progress)" : "completion (in flight)";
                }
            }
            if (holder.equals("fixed table " + r.name)) {
                return "io_ring_ctx_free (io_ring_exit_work)";
            }
        }
        if (holder.startsWith("fd ")) {
            return "close / exit_files";
        }
        if (holder.startsWith("aio kiocb ")) {
            return "aio completion (iocb_destroy)";
        }
        return "";
    }

    /** What drops a mount reference held by {@code holder}. */
    static String mountRefDroppedBy(Kernel k, Snapshot s, String holder) {
        if (holder.equals("namespace")) {
            return "umount";
        }
        for (File f : k.files) {
            if (holder.equals("file " + f.name)) {
                return f.file_count() > 0 ? "__fput after " + f.name + "'s last reference" : finalFput(s, f);
            }
        }
        return "";
    }

    /** Where a file whose f_count reached zero waits for __fput. */
    private static String finalFput(Snapshot s, File f) {
        String q = s.queueOf(f.fTaskWork().name());
        if (!q.isEmpty()) {
            return q;
        }
        q = s.queueOf(f.name);
        return q.isEmpty() ? "__fput (running)" : q;
    }
}
