package fputsim.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shared state that declares its own footprint. A program's shared objects keep their fields
 * private and call {@link #read}, {@link #write} or {@link #update} from each accessor; the
 * {@link Runner} routes those records to the step in progress, and re-evaluates the stepping
 * actor's {@link Actor#status()} inside the step, so that what an enabling condition reads is part
 * of the step's footprint too. Outside a step (set-up, property checks, reporters) nothing is
 * recorded: those reads do not interleave with anything.
 *
 * <p>This is loom's split: the checker (this class and the runner) knows nothing of what the
 * state models; the modelled primitives record their own accesses, so a program written against
 * them has no footprint to forget.
 *
 * <p>The declaration mutation check: {@link #mute} drops every declaration made from one accessor
 * (a class and method name, as {@link #sites()} reports them), as if its author had forgotten it.
 * Only then are call sites looked up (with a {@link StackWalker}); normal runs pay nothing for it.
 */
public final class Tracker {
    private StepContext step;
    private final String muted;
    private final boolean discover;
    private final Set<String> sites = new TreeSet<>();
    private Runnable check = () -> { };

    /** A tracker that records every declaration. */
    public Tracker() {
        this(null, false);
    }

    private Tracker(String muted, boolean discover) {
        this.muted = muted;
        this.discover = discover;
    }

    /** A tracker that drops the declarations of one accessor ({@code Class.method}): a mutant. */
    public static Tracker mute(String site) {
        return new Tracker(site, false);
    }

    /** A tracker that also collects the accessors that declared something ({@link #sites()}). */
    public static Tracker discovering() {
        return new Tracker(null, true);
    }

    /** The accessors seen declaring, as {@code Class.method} (with {@link #discovering()} only). */
    public Set<String> sites() {
        return Collections.unmodifiableSet(sites);
    }

    /**
     * A rule the program enforces on every access made in a step (e.g. "nothing after a call");
     * it throws to refuse the access.
     */
    public void beforeEachAccess(Runnable rule) {
        check = rule;
    }

    /** The runner: the step in progress (null: none). */
    void enter(StepContext cx) {
        step = cx;
    }

    void exit() {
        step = null;
    }

    /** True while a step runs (an accessor may refuse what only a step may do). */
    public boolean inStep() {
        return step != null;
    }

    /** The accessor calling reads {@code key}. */
    public void read(Object key) {
        if (step != null) {
            check.run();
            if (keep()) {
                step.reads(key);
            }
        }
    }

    /** The accessor calling writes {@code key} (a write implies a read). */
    public void write(Object key) {
        if (step != null) {
            check.run();
            if (keep()) {
                step.writes(key);
            }
        }
    }

    /** The accessor calling makes a commutative update of {@code key} that reads nothing back. */
    public void update(Object key) {
        if (step != null) {
            check.run();
            if (keep()) {
                step.updates(key);
            }
        }
    }

    private boolean keep() {
        if (muted == null && !discover) {
            return true;
        }
        String site = caller();
        if (discover) {
            sites.add(site);
        }
        return !site.equals(muted);
    }

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** The first frame outside this class: the accessor that declared. */
    private static String caller() {
        List<String> out = new ArrayList<>(1);
        WALKER.walk(frames -> frames.filter(f -> !f.getClassName().equals(Tracker.class.getName()))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName()))
                .ifPresent(out::add);
        return out.isEmpty() ? "?" : out.get(0);
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return className.substring(dot + 1);
    }
}
