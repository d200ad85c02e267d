package fputsim.model;

import fputsim.explore.Program;
import fputsim.explore.StepContext;
import fputsim.model.aio.Aio;
import fputsim.model.exit.Exit;
import fputsim.model.fs.BlockDevice;
import fputsim.model.fs.File;
import fputsim.model.fs.FileTable;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.ThreadGroup;
import fputsim.model.sched.WorkStruct;
import fputsim.model.report.Ledger;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance of the modelled kernel for one schedule: every kernel object, every task (the
 * explorer's actors, in creation order), the trace of events, and the subsystems whose functions
 * a variant may override. Deterministic: lists and sorted maps only, no clocks, no threads.
 */
public final class Kernel implements Program {
    public final Variant variant;
    private final List<TaskStruct> tasks = new ArrayList<>();
    public final List<TraceEntry> trace = new ArrayList<>();
    private final Map<String, Integer> marks = new TreeMap<>();
    public final List<File> files = new ArrayList<>();
    public final List<VfsMount> mounts = new ArrayList<>();
    public final List<BlockDevice> bdevs = new ArrayList<>();
    public final List<ThreadGroup> processes = new ArrayList<>();
    public final List<IoRingCtx> rings = new ArrayList<>();
    public final List<CallbackHead> callbacks = new ArrayList<>();
    public final List<Integer> umountResults = new ArrayList<>();
    public final List<Integer> mountResults = new ArrayList<>();
    private TaskStruct current;
    private int step;
    private int nextKworker = 1;

    public final TaskWork taskWork;
    public final FileTable fileTable;
    public final Namespace namespace;
    public final Exit exit;
    public final IoUring ioUring;
    public final Aio aio;

    public Kernel(Variant variant) {
        this.variant = variant;
        this.taskWork = variant.taskWork(this);
        this.fileTable = variant.fileTable(this);
        this.namespace = variant.namespace(this);
        this.exit = variant.exit(this);
        this.ioUring = variant.ioUring(this);
        this.aio = variant.aio(this);
    }

    @Override
    public List<TaskStruct> actors() {
        return tasks;
    }

    /** Registers a task (an actor). Its index is its id in schedules. */
    public <T extends TaskStruct> T addTask(T t) {
        tasks.add(t);
        return t;
    }

    /** A dedicated kworker for a work item, named like the kernel's unbound workers. */
    public Kworker newKworker(WorkStruct work) {
        return addTask(new Kworker(this, 1000 + nextKworker, "kworker/u8:" + nextKworker++, work));
    }

    public void beginStep(TaskStruct t, StepContext cx) {
        if (ledger != null && step > 0) {
            ledger.add(Ledger.of(this)); // the state after the step that just ended
        }
        current = t;
        step++;
    }

    /** With a ledger, the state after each step is recorded (for {@code --detail full} and reports). */
    private List<Ledger.Snapshot> ledger;

    public void recordStates() {
        ledger = new ArrayList<>();
    }

    /** The state after each step so far (index 0: after step 1); the last step's is added on demand. */
    public List<String> states() {
        return ledger().stream().map(Ledger.Snapshot::describe).toList();
    }

    /** The ledger after each step so far (index 0: after step 1), the last step's taken now. */
    public List<Ledger.Snapshot> ledger() {
        List<Ledger.Snapshot> out = new ArrayList<>(ledger);
        if (step > 0) {
            out.add(Ledger.of(this));
        }
        return out;
    }

    public TaskStruct current() {
        return current;
    }

    public int stepNumber() {
        return step;
    }

    public void emit(Event e) {
        if (current == null) {
            return; // set-up, before the first step, is not traced
        }
        String actor = current.traceName();
        int cpu = tasks.indexOf(current) % 2;
        trace.add(new TraceEntry(step, actor, cpu, e));
    }

    /** A coverage mark: a rare kernel path was taken. */
    public void mark(String path) {
        marks.merge(path, 1, Integer::sum);
    }

    public Map<String, Integer> marks() {
        return marks;
    }

    /** A canonical description of the end state: every reference count and result. */
    @Override
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (File f : files) {
            sb.append(f.name).append('=').append(f.fCount).append(f.released ? "r" : "").append(';');
        }
        for (VfsMount m : mounts) {
            sb.append(m.target).append('=').append(m.mntCount).append(m.attached ? "a" : "d").append(m.cleanedUp ? "c" : "").append(';');
        }
        for (BlockDevice b : bdevs) {
            sb.append(b.name).append(b.holder == null ? "free" : "held").append(';');
        }
        sb.append("umount").append(umountResults).append("mount").append(mountResults);
        for (ThreadGroup g : processes) {
            sb.append(g.comm).append(g.reaped ? "R" : g.live);
        }
        return sb.toString();
    }
}
