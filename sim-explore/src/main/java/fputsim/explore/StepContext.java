package fputsim.explore;

/** What an actor's step may ask of the explorer: declare its footprint, and take a choice. */
public interface StepContext {
    /**
     * Declares that this step reads {@code object}. Keys are compared with {@code equals} across
     * runs (every schedule runs on a fresh program instance), so a key must name the shared object
     * the same way in every instance: a string or a record, never an object with identity equality
     * (those are refused).
     */
    void reads(Object object);

    /** Declares that this step writes {@code object} (a write implies a read). */
    void writes(Object object);

    /**
     * Declares a commutative update of {@code object} that reads nothing back (a per-CPU counter
     * increment or decrement): it conflicts with reads and writes of the object but not with other
     * updates, since updates in either order leave the same state.
     */
    void updates(Object object);

    /**
     * Data nondeterminism: returns a value in {@code [0, bound)} chosen by the strategy.
     * Every call is a decision of the schedule, recorded in its replay token.
     */
    int choose(int bound);

    /**
     * The context for stepping outside an exploration (set-up, tests that drive a program by hand): it records
     * no footprint and chooses 0 every time. See {@link UntrackedStepContext}.
     */
    static StepContext none() {
        return UntrackedStepContext.NONE;
    }
}
