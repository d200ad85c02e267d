package fputsim.explore;

/** How one schedule ended. */
public enum Ending {
    /** Every actor finished. */
    QUIESCENT,
    /** Some actor is unfinished and none is enabled. */
    DEADLOCK,
    /** The step bound was reached with actors still enabled. */
    STEP_BOUND,
    /** The strategy abandoned the schedule as redundant (not counted as a schedule). */
    PRUNED;

    Moment moment() {
        switch (this) {
            case QUIESCENT: return Moment.QUIESCENT;
            case DEADLOCK: return Moment.DEADLOCK;
            case STEP_BOUND: return Moment.STEP_BOUND;
            default: return null;
        }
    }
}
