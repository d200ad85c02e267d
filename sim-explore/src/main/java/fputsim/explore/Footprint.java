package fputsim.explore;

import java.util.Arrays;

/**
 * The shared objects one step read and wrote. Two steps of different actors are independent
 * when neither writes an object the other touches; independent steps commute.
 */
public final class Footprint {
    private static final Object[] NONE = new Object[0];
    private final Object[] reads;
    private final Object[] writes;
    private final Object[] updates;

    Footprint(Object[] reads, Object[] writes, Object[] updates) {
        this.reads = reads.length == 0 ? NONE : reads;
        this.writes = writes.length == 0 ? NONE : writes;
        this.updates = updates.length == 0 ? NONE : updates;
    }

    public static Footprint of(Object[] reads, Object[] writes) {
        return new Footprint(reads.clone(), writes.clone(), NONE);
    }

    public static Footprint of(Object[] reads, Object[] writes, Object[] updates) {
        return new Footprint(reads.clone(), writes.clone(), updates.clone());
    }

    /** Independent: neither writes what the other touches, and neither updates what the other reads. */
    public boolean independentOf(Footprint other) {
        return !meets(writes, other.writes) && !meets(writes, other.reads) && !meets(other.writes, reads)
                && !meets(writes, other.updates) && !meets(other.writes, updates)
                && !meets(updates, other.reads) && !meets(other.updates, reads);
    }

    private static boolean meets(Object[] a, Object[] b) {
        for (Object x : a) {
            for (Object y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "r" + Arrays.toString(reads) + " w" + Arrays.toString(writes) + " u" + Arrays.toString(updates);
    }
}
