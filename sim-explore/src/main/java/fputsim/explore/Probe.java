package fputsim.explore;

/**
 * Lets a strategy look at a state that no schedule has visited yet: a fresh program is driven
 * through a decision prefix and one more actor is stepped (optimal partial-order reduction asks
 * whether a reordering is possible, and what the moved step then touches).
 */
public interface Probe {
    /**
     * Runs a fresh program through {@code decisions} (actor ids and data values, as in
     * {@link Execution#decisions()}), then steps {@code actor}. Its data choices take
     * {@code values[k]} while the k-th choice has bound {@code bounds[k]}, and 0 after the first
     * that differs. Returns null when the actor is not enabled after the prefix, or a step of the
     * prefix is not enabled where it comes (possible only when footprints leave out what an
     * enabling condition reads).
     */
    Stepped step(int[] decisions, int actor, int[] values, int[] bounds);

    /**
     * What the probed step did. {@code diverged}: its choices differed from the values asked for
     * (another bound, or more choices), from the first differing one on.
     */
    record Stepped(Footprint footprint, int[] values, int[] bounds, boolean diverged, int prefixSteps) {
    }
}
