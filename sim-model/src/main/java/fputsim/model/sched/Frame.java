package fputsim.model.sched;

import fputsim.explore.StepContext;

/**
 * One kernel function being executed by a task: a short program of atomic steps and a program
 * counter. A step may call another function (push a frame, {@link TaskStruct#call}) whose steps
 * run next, or wait: {@link #enabled} is false while the function sleeps on a condition.
 *
 * <p>Memory model: sequential consistency; one step is one cmpxchg, one refcount drop or one
 * lock-held region, and barriers are not modelled.
 */
public abstract class Frame {
    /** The program counter: which step runs next. */
    protected int pc;

    /** The kernel function this frame executes, as spelled in the kernel. */
    public abstract String function();

    /**
     * False while the function waits. Whatever this reads must also be declared as read by the
     * step it guards, so that the explorer sees the dependency.
     */
    public boolean enabled(TaskStruct current) {
        return true;
    }

    /**
     * What the function waits for while {@link #enabled} is false, in the kernel's words, for hang
     * reports (read outside a step: declares nothing).
     */
    public String waitsFor() {
        return "the condition " + function() + " sleeps on";
    }

    /** The program counter, for observers that pick a latency by the next step (the timed driver). */
    public int pc() {
        return pc;
    }

    /**
     * The name of one step of a modelled kernel function, in the kernel's words: a constant of an
     * enum nested in the function's frame class (or a named step of a list, as do_exit's). The
     * frame's code moves between its steps by these names, never by bare numbers, and observers
     * that treat steps differently (the timed mode's latencies) match these names: renaming or
     * dropping a step is a compile error there, renumbering one changes nothing.
     */
    public interface Label {
        String name();
    }

    /**
     * A step of a function whose steps are named by an enum: the constant with its program
     * counter (the numbers are the ones traces and hang reports show as {@code function@pc}).
     * By default a step's program counter is its place in the enum; an enum whose numbers have
     * gaps (kept so that hang reports read as before) overrides {@link #pc()}.
     */
    public interface NumberedLabel extends Label {
        int ordinal();

        default int pc() {
            return ordinal();
        }
    }

    /** The named step at the program counter, or null when this function does not name its steps. */
    public Label label() {
        return null;
    }

    /** The constant of {@code labels} whose program counter is {@code pc}, or null. */
    protected static <L extends NumberedLabel> L labelAt(L[] labels, int pc) {
        for (L l : labels) {
            if (l.pc() == pc) {
                return l;
            }
        }
        return null;
    }

    /** Moves the program counter to the named step {@code next}. */
    protected final void go(NumberedLabel next) {
        pc = next.pc();
    }

    /** Performs one step; returns true when the function returns (the frame is popped). */
    public abstract boolean step(TaskStruct current, StepContext cx);

    @Override
    public String toString() {
        return function() + "@" + pc;
    }
}
