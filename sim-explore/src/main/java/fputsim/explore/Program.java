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
     * What the schedule let each actor observe, for the footprint audit ({@link Audit}): a
     * description that is equal for two schedules that order every pair of dependent steps alike
     * (each step then reads the same values), and usually differs otherwise. The default is the end
     * state. A program that can say more (each actor's own sequence of observations) audits its
     * footprints more sharply.
     */
    default String observation() {
        return fingerprint();
    }

    /**
     * The tracker its shared objects declare their accesses to, or null when its actors declare
     * their footprints through the {@link StepContext} themselves.
     */
    default Tracker tracker() {
        return null;
    }

    /**
     * Which actors (with their own objects and names) are interchangeable, for the stateful
     * search's symmetry reduction. The default: none. See {@link Symmetry} for what a program
     * promises when it declares one. A search that asks asks first in the initial state, before
     * the first step, so a program may declare it then, when first asked, rather than at every
     * build (the searches that never ask then pay nothing for it).
     */
    default Symmetry symmetry() {
        return Symmetry.NONE;
    }
}
