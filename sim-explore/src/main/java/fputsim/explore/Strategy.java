package fputsim.explore;

/**
 * Chooses the schedule: which enabled actor steps next, and the value of each data choice.
 * One small class per strategy; the {@link Runner} asks, the strategy answers.
 */
public interface Strategy {
    /** Starts the next schedule; false when the strategy has nothing more to explore. */
    boolean beginSchedule();

    /**
     * Picks the next actor among {@code enabled} (actor ids, ascending). {@code current} is the
     * actor that made the previous step, or -1. Returns an actor id, or -1 to abandon this
     * schedule (it is redundant, e.g. every enabled step sleeps).
     */
    int pickActor(int[] enabled, int current, int stepIndex);

    /** Picks a value in {@code [0, bound)} for a data choice. */
    int pickValue(int bound);

    /** Called after each step with the step's footprint, when {@link #wantsFootprints()}. */
    default void afterStep(int actor, Footprint footprint) {
    }

    /**
     * As {@link #afterStep(int, Footprint)}, also telling how many actors the program had before and
     * after the step: actors {@code before..after-1} were created by it (their steps happen after it).
     */
    default void afterStep(int actor, Footprint footprint, int actorsBefore, int actorsAfter) {
        afterStep(actor, footprint);
    }

    /** Whether the runner should show it every state ({@link #state}, {@link #end}): a stateful search. */
    default boolean wantsStates() {
        return false;
    }

    /**
     * The state before step {@code stepIndex} (after the previous one), with its enabled actors,
     * before the runner asks for the next actor or ends the schedule (when {@link #wantsStates()}).
     */
    default void state(Program program, int[] enabled, int n, int stepIndex) {
    }

    /** The schedule ended as {@code ending} (not pruned) in the program's final state (when {@link #wantsStates()}). */
    default void end(Program program, Ending ending) {
    }

    default boolean wantsFootprints() {
        return false;
    }

    /**
     * Asked after each step (when {@link #wantsFootprints()}): whether the strategy needs the step's
     * footprint; false lets the runner skip building it and the {@link #afterStep} call (a strategy
     * replaying a step whose footprint it already holds).
     */
    default boolean wantsFootprintOfThisStep() {
        return wantsFootprints();
    }

    /** Gives the strategy a way to run a fresh program to an unvisited state (the Explorer calls this once). */
    default void attach(Probe probe) {
    }

    /** An estimate of the fraction of the search done, in [0, 1], or NaN when the strategy has none. */
    default double explored() {
        return Double.NaN;
    }

    /** A short name for tokens and headers, e.g. {@code dfs}, {@code random}, {@code pct3}. */
    String name();

    /**
     * The bound this strategy puts on the search by design, or null when running it out covers
     * every schedule (up to the step bound): only an unbounded exhaustive search returns null.
     * The default is conservative: a strategy that does not say otherwise samples.
     */
    default Completeness.Cut limit() {
        return new Completeness.Cut(Completeness.Kind.SAMPLED, "strategy " + name());
    }
}
