package fputsim.explore;

/**
 * A named property, kept apart from the model. {@link #holds} is evaluated after every step and
 * once at the end of each schedule ({@link Moment}). A property must depend only on values that
 * steps observed (not on the interleaving of independent steps), so that partial-order reduction
 * preserves its verdict. It must change nothing: after the steps a schedule shares with the one
 * before it (the same decisions, so the same states) the runner takes the earlier results instead
 * of asking again.
 */
public interface Property<P> {
    /** The property's name, e.g. a predicate in CamelCase. */
    String name();

    /** The name of the bad outcome the property forbids, in lower-case-with-dashes. */
    String outcome();

    /** One sentence: what must hold and why. */
    String description();

    boolean holds(P program, Moment moment);
}
