package fputsim.explore;

/** When a property is evaluated. */
public enum Moment {
    /** After every step. */
    AFTER_STEP,
    /** Every actor has finished. */
    QUIESCENT,
    /** No actor is enabled, but some have not finished. */
    DEADLOCK,
    /** The schedule reached the step bound with actors still enabled (no progress within the bound). */
    STEP_BOUND
}
