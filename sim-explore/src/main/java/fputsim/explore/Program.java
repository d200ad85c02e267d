package fputsim.explore;

import java.util.List;

/**
 * One fresh instance of a model, built for one schedule. The explorer never reuses an instance:
 * it rebuilds the program and replays a prefix instead (stateless search).
 */
public interface Program {
    /**
     * The actors, in a fixed order; an actor's index is its id in schedules. The list may grow
     * while the program runs (an actor created by a step), but never shrinks or reorders.
     */
    List<? extends Actor> actors();

    /**
     * A canonical description of the current state, used to count distinct end states.
     * The default (null) means the program does not offer one.
     */
    default String fingerprint() {
        return null;
    }

    /**
     * The tracker its shared objects declare their accesses to, or null when its actors declare
     * their footprints through the {@link StepContext} themselves.
     */
    default Tracker tracker() {
        return null;
    }
}
