package fputsim.explore;

/**
 * One schedulable thread of a model. The explorer asks for its {@link #status()} and, when it
 * chooses the actor, calls {@link #step(StepContext)} to perform exactly one atomic step.
 *
 * <p>A step must declare, through the context, every shared object it reads or writes, including
 * the objects that its own enabling condition reads: that is how the explorer tells independent
 * steps apart. A step must be deterministic given the values it obtains from
 * {@link StepContext#choose(int)}.
 */
public interface Actor {
    /** A stable, human-readable name, used in traces. */
    String name();

    /**
     * Whether the actor can step now. A function of the state that changes nothing: the explorer
     * asks it as often as it needs (a run asks every actor before each step, a probe asks only the
     * actor it steps), so asking or not asking must not change what any step does.
     */
    Status status();

    void step(StepContext cx);
}
