package fputsim.model;

import fputsim.explore.Program;
import fputsim.explore.StepContext;
import fputsim.explore.Tracker;
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
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.sched.WorkStruct;
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
    /*
     * Records of the past, kept for traces, reports and coverage marks: not state (transient:
     * the stateful search's fingerprint leaves them out). No step reads them; the two properties
     * that read the trace (UmountNotBusyAfterReap, MountAfterUmountSucceeds) read facts that the
     * state also holds (a reaped group, umount's recorded results): docs/explorer.md.
     */
    public final transient List<TraceEntry> trace = new ArrayList<>();
    private final transient Map<String, Integer> marks = new TreeMap<>();
    public final List<File> files = new ArrayList<>();
    public final List<VfsMount> mounts = new ArrayList<>();
    public final List<BlockDevice> bdevs = new ArrayList<>();
    public final List<SignalStruct> processes = new ArrayList<>();
    /** The scenario's process under test (see {@link #subject()}); set up once. */
    private SignalStruct subject;
    public final List<IoRingCtx> rings = new ArrayList<>();
    public final List<CallbackHead> callbacks = new ArrayList<>();
    private final List<Integer> umountResults = new ArrayList<>();
    private final List<Integer> mountResults = new ArrayList<>();
    /**
     * Where every shared object declares its accesses. Every accessor of shared state records
     * through it; the runner turns the records of a step into the step's footprint.
     */
    public final Tracker tracker;
    private final Choices choices = new Choices();
    /** The task stepping now, and the step's number: set by every step, read only within it and by the trace. */
    private transient TaskStruct current;
    private transient int step;
    private int nextKworker = 1;

    public final TaskWork taskWork;
    public final FileTable fileTable;
    public final Namespace namespace;
    public final Exit exit;
    public final IoUring ioUring;
    public final Aio aio;

    public Kernel(Variant variant) {
        this(variant, new Tracker());
    }

    /** A kernel whose accesses go to {@code tracker} (a mutant's or a discovering one). */
    public Kernel(Variant variant, Tracker tracker) {
        this.variant = variant;
        this.tracker = tracker;
        tracker.beforeEachAccess(this::checkNoAccessAfterCall);
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

    /**
     * The hang report: every blocked task, the functions it is in (outermost first, each with
     * its program counter) and what the innermost one waits for.
     */
    public List<String> blocked() {
        List<String> out = new ArrayList<>();
        for (TaskStruct t : tasks) {
            if (t.status() != fputsim.explore.Status.BLOCKED) {
                continue;
            }
            StringBuilder in = new StringBuilder();
            for (Frame f : t.frames()) {
                in.append(in.length() == 0 ? "" : " > ").append(f.function()).append('@').append(f.pc());
            }
            out.add(t.name() + " in " + in + ": waits for " + t.top().waitsFor());
        }
        return out;
    }

    @Override
    public Tracker tracker() {
        return tracker;
    }

    /** The interchangeable tasks the scenario declared (not state: it names objects, set up once). */
    private transient fputsim.explore.Symmetry symmetry = fputsim.explore.Symmetry.NONE;

    /**
     * Set-up: declares which tasks, with their own objects and names, are interchangeable (fio's
     * jobs: the same code, each with its own ring and file). The lists whose order is identity are
     * the tasks, files, rings and task_work heads, and {@code fdTables}.
     */
    public void declareSymmetry(List<List<List<Object>>> members, List<List<List<String>>> names, List<List<?>> fdTables) {
        requireSetUp("the symmetry");
        List<List<?>> index = new ArrayList<>(List.of(tasks, files, rings, callbacks));
        index.addAll(fdTables);
        List<java.util.Collection<?>> bags = new ArrayList<>();
        for (SignalStruct g : processes) {
            index.add((List<?>) fputsim.explore.Symmetry.field(g, "threads")); // in clone order
        }
        // who holds a reference: kept for reports, read by no step or property, so a multiset
        for (File f : files) {
            bags.add((java.util.Collection<?>) fputsim.explore.Symmetry.field(f, "holders"));
        }
        for (VfsMount m : mounts) {
            bags.add((java.util.Collection<?>) fputsim.explore.Symmetry.field(m, "holders"));
        }
        symmetry = new fputsim.explore.Symmetry(members, names, index, bags);
    }

    /** A declaration not made yet: made when the symmetry is first asked for (set-up only). */
    private transient Runnable pendingSymmetry;

    /**
     * Set-up: declares the symmetry when it is first asked for ({@code declare} calls
     * {@link #declareSymmetry}), not at every build: only the stateful search asks, and it asks
     * in the initial state, before the first step; the other searches build a fresh program per
     * schedule and per probe and never ask. Asked for only after a step, it is refused (the
     * declaration reads the set-up state).
     */
    public void declareSymmetryWhenAsked(Runnable declare) {
        requireSetUp("the symmetry");
        pendingSymmetry = declare;
    }

    @Override
    public fputsim.explore.Symmetry symmetry() {
        if (pendingSymmetry != null) {
            if (step > 0) {
                throw new IllegalStateException("the symmetry is declared from the set-up state: ask for it before the first step");
            }
            Runnable declare = pendingSymmetry;
            pendingSymmetry = null;
            declare.run();
        }
        return symmetry;
    }

    /** A call ends the caller's step: shared state touched after it would run before the callee. */
    private void checkNoAccessAfterCall() {
        if (current != null && current.calledThisStep()) {
            Frame callee = current.top();
            throw new IllegalStateException(current.name() + " touched shared state after calling "
                    + (callee == null ? "a function" : callee.function())
                    + " in the same step; the callee has not run yet: put the rest in andThen()");
        }
    }

    /** Refuses a change of set-up-only state while a step runs. */
    public void requireSetUp(String what) {
        if (tracker.inStep()) {
            throw new IllegalStateException(what + " is set up before the first step, not changed by a step");
        }
    }

    /** {@link #requireSetUp(String)} for "{@code what}{@code of}", joined only when refused. */
    public void requireSetUp(String what, Object of) {
        if (tracker.inStep()) {
            requireSetUp(what + of);
        }
    }

    /**
     * The scenario's process under test: the one its shell kills (the first kill of its script),
     * or, in a scenario without a kill, the first one it waits for to exit. Null before set-up
     * names it. The properties and probes ask for it instead of a pid.
     */
    public SignalStruct subject() {
        return subject;
    }

    /** Set-up only: names the scenario's process under test, once (the first name stays). */
    public void nameSubject(SignalStruct g) {
        requireSetUp("the scenario's process under test");
        if (subject == null) {
            subject = g;
        }
    }

    /** umount(2)'s result, recorded for the properties (the shell's own record). */
    public void umountReturned(int result) {
        tracker.write("umount results");
        umountResults.add(result);
    }

    /** mount(2)'s result, recorded for the properties. */
    public void mountReturned(int result) {
        tracker.write("mount results");
        mountResults.add(result);
    }

    public List<Integer> umountResults() {
        tracker.read("umount results");
        return List.copyOf(umountResults);
    }

    public List<Integer> mountResults() {
        tracker.read("mount results");
        return List.copyOf(mountResults);
    }

    /** The step context a model step gets: data choices only. */
    public StepContext choices() {
        return choices;
    }

    /**
     * What model code sees of the explorer's step context: {@link #choose}. Footprints are not
     * declared by hand in the model: shared state declares its own through {@link #tracker}.
     */
    private final class Choices implements StepContext {
        private StepContext cx;

        @Override
        public int choose(int bound) {
            return cx.choose(bound);
        }

        @Override
        public void reads(Object object) {
            refuse("reads", object);
        }

        @Override
        public void writes(Object object) {
            refuse("writes", object);
        }

        @Override
        public void updates(Object object) {
            refuse("updates", object);
        }

        private void refuse(String what, Object key) {
            throw new IllegalStateException("a hand-written footprint (" + what + " " + key + ") in "
                    + (current == null ? "set-up" : current.name()) + ": shared state declares its own; use its accessors");
        }
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
        if (step > 0) {
            for (StepListener l : stepListeners) {
                l.stepEnded(this); // the state after the step that just ended
            }
        }
        current = t;
        choices.cx = cx;
        step++;
    }

    /**
     * Told when a step has ended, before the next one begins: {@link #stepNumber()} and
     * {@link #current()} still name the step that just ran. A listener only reads the model (the
     * reports' ledger is one); it is not told of the last step, which has no next one, so it reads
     * that one on demand.
     */
    public interface StepListener {
        void stepEnded(Kernel k);
    }

    /** Not state (transient: the stateful search's fingerprint leaves it out): reports' listeners. */
    private final transient List<StepListener> stepListeners = new ArrayList<>();

    /** Adds a listener told after every step of this schedule (set up before the first step). */
    public <L extends StepListener> L addStepListener(L l) {
        stepListeners.add(l);
        return l;
    }

    /** The first listener of type {@code type}, or null. */
    public <L extends StepListener> L stepListener(Class<L> type) {
        for (StepListener l : stepListeners) {
            if (type.isInstance(l)) {
                return type.cast(l);
            }
        }
        return null;
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
        if (current != cpuOf) { // a task's index never changes (the list only grows)
            cpuOf = current;
            cpu = tasks.indexOf(current) % 2;
        }
        trace.add(new TraceEntry(step, actor, cpu, e));
    }

    /** The last task that emitted, and its trace CPU column (a cache for emit: not state). */
    private transient TaskStruct cpuOf;
    private transient int cpu;

    /** A coverage mark: a rare kernel path was taken. */
    public void mark(String path) {
        marks.merge(path, 1, Integer::sum);
    }

    public Map<String, Integer> marks() {
        return marks;
    }

    /**
     * The end state, then each task's own sequence of events (in task order). Two schedules that
     * order every pair of dependent steps alike give every task the same events, so this is what
     * the footprint audit compares. Counts read back after a commutative update (a fast-path
     * mntput's mnt_count, whether exit_notify left the group empty) are observations the step does
     * not act on and that differ between such equivalent schedules: they are left out.
     */
    @Override
    public String observation() {
        StringBuilder sb = new StringBuilder(fingerprint());
        for (TaskStruct t : tasks) {
            sb.append(" | ").append(t.traceName()).append(":");
            for (TraceEntry e : trace) {
                if (e.actor().equals(t.traceName())) {
                    sb.append(' ').append(observed(e.event()));
                }
            }
        }
        return sb.toString();
    }

    private static Object observed(Event e) {
        if (e instanceof Event.MntPut m && !m.slowPath()) {
            return new Event.MntPut(m.mount(), -1, false);
        }
        if (e instanceof Event.TaskExit x) {
            return new Event.TaskExit(x.comm(), x.pid(), false);
        }
        return e;
    }

    /** A canonical description of the end state: every reference count and result. */
    @Override
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (File f : files) {
            sb.append(f.name).append('=').append(f.file_count()).append(f.released() ? "r" : "").append(';');
        }
        for (VfsMount m : mounts) {
            sb.append(m.target).append('=').append(m.mnt_get_count()).append(m.attached() ? "a" : "d").append(m.cleanedUp() ? "c" : "").append(';');
        }
        for (BlockDevice b : bdevs) {
            sb.append(b.name).append(b.holder() == null ? "free" : "held").append(';');
        }
        sb.append("umount").append(umountResults).append("mount").append(mountResults);
        for (SignalStruct g : processes) {
            sb.append(g.comm).append(g.reaped() ? "R" : g.live());
        }
        return sb.toString();
    }
}
