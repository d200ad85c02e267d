package fputsim.explore;

/** What an actor's step may ask of the explorer: declare its footprint, and take a choice. */
public interface StepContext {
    /** Declares that this step reads {@code object} (compared with {@code equals}). */
    void reads(Object object);

    /** Declares that this step writes {@code object} (a write implies a read). */
    void writes(Object object);

    /**
     * Data nondeterminism: returns a value in {@code [0, bound)} chosen by the strategy.
     * Every call is a decision of the schedule, recorded in its replay token.
     */
    int choose(int bound);
}
