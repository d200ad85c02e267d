package fputsim.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared objects one step read and wrote. Two steps of different actors are independent
 * when neither writes an object the other touches; independent steps commute.
 *
 * Each set also carries a 64-bit summary of its keys (a one-word Bloom filter): race analysis
 * compares every pair of steps of a schedule, so this test is the explorer's inner loop. Keys
 * numbered by the runner's {@link KeyTable} set bit {@code id & 63}; while a table has at most 64
 * keys the summaries are the sets themselves and decide alone. With more keys, disjoint summaries
 * still prove independence, and an overlap is decided on the keys' numbers (equal numbers in one
 * table are equal keys). A footprint built with {@link #of} (summarised by hash), or two of
 * different tables, fall back to comparing the keys with equals.
 */
public final class Footprint {
    private static final Object[] NONE = new Object[0];
    private final Object[] reads;
    private final Object[] writes;
    private final Object[] updates;
    private final long readBits;
    private final long writeBits;
    private final long updateBits;
    /** The table that numbered the keys (null: summarised by hash); summaries compare only within one. */
    private final KeyTable table;
    /** Every key's number is below 64: the summaries are exact sets. */
    private final boolean exact;
    /** The keys' numbers in {@link #table}, as the arrays above (null without a table). */
    private final int[] readIds;
    private final int[] writeIds;
    private final int[] updateIds;
    private static final int[] NO_IDS = new int[0];

    Footprint(Object[] reads, Object[] writes, Object[] updates) {
        this(reads, writes, updates, null);
    }

    Footprint(Object[] reads, Object[] writes, Object[] updates, KeyTable table) {
        this.reads = reads.length == 0 ? NONE : reads;
        this.writes = writes.length == 0 ? NONE : writes;
        this.updates = updates.length == 0 ? NONE : updates;
        this.table = table;
        this.readIds = ids(this.reads, table);
        this.writeIds = ids(this.writes, table);
        this.updateIds = ids(this.updates, table);
        this.readBits = bits(this.reads, readIds);
        this.writeBits = bits(this.writes, writeIds);
        this.updateBits = bits(this.updates, updateIds);
        this.exact = table != null && table.size() <= 64;
    }

    public static Footprint of(Object[] reads, Object[] writes) {
        return new Footprint(reads.clone(), writes.clone(), NONE);
    }

    public static Footprint of(Object[] reads, Object[] writes, Object[] updates) {
        return new Footprint(reads.clone(), writes.clone(), updates.clone());
    }

    /** Independent: neither writes what the other touches, and neither updates what the other reads. */
    public boolean independentOf(Footprint other) {
        if (table == other.table) {
            boolean disjoint = (writeBits & (other.writeBits | other.readBits | other.updateBits)) == 0
                    && (other.writeBits & (readBits | updateBits)) == 0
                    && (updateBits & other.readBits) == 0 && (other.updateBits & readBits) == 0;
            if (disjoint || (exact && other.exact)) {
                return disjoint;
            }
            if (table != null) {
                return !meets(writeIds, other.writeIds) && !meets(writeIds, other.readIds) && !meets(other.writeIds, readIds)
                        && !meets(writeIds, other.updateIds) && !meets(other.writeIds, updateIds)
                        && !meets(updateIds, other.readIds) && !meets(other.updateIds, readIds);
            }
        }
        return !meets(writes, other.writes) && !meets(writes, other.reads) && !meets(other.writes, reads)
                && !meets(writes, other.updates) && !meets(other.writes, updates)
                && !meets(updates, other.reads) && !meets(other.updates, reads);
    }

    /**
     * Whether this step may change what {@code later} sees: this step writes or updates an object
     * that {@code later} reads or writes. When it does not, {@code later} runs the same with or
     * without this step before it (its enabling condition included, which it declares as reads).
     */
    public boolean mayAffect(Footprint later) {
        if (table == later.table) {
            boolean disjoint = ((writeBits | updateBits) & (later.readBits | later.writeBits)) == 0;
            if (disjoint || (exact && later.exact)) {
                return !disjoint;
            }
            if (table != null) {
                return meets(writeIds, later.readIds) || meets(writeIds, later.writeIds)
                        || meets(updateIds, later.readIds) || meets(updateIds, later.writeIds);
            }
        }
        return meets(writes, later.reads) || meets(writes, later.writes)
                || meets(updates, later.reads) || meets(updates, later.writes);
    }

    /**
     * The keys that make the two steps dependent (a write against anything, an update against a
     * read), in this step's order, each once: to see which objects a search's races are on.
     */
    public List<Object> conflicts(Footprint other) {
        List<Object> out = new ArrayList<>();
        for (Object k : writes) {
            if (has(other.writes, k) || has(other.reads, k) || has(other.updates, k)) {
                addOnce(out, k);
            }
        }
        for (Object k : reads) {
            if (has(other.writes, k) || has(other.updates, k)) {
                addOnce(out, k);
            }
        }
        for (Object k : updates) {
            if (has(other.writes, k) || has(other.reads, k)) {
                addOnce(out, k);
            }
        }
        return out;
    }

    private static boolean has(Object[] keys, Object k) {
        for (Object x : keys) {
            if (x.equals(k)) {
                return true;
            }
        }
        return false;
    }

    private static void addOnce(List<Object> out, Object k) {
        if (!out.contains(k)) {
            out.add(k);
        }
    }

    /**
     * Touches no shared object: no read, write or update (its enabling condition's reads
     * included, which the runner records inside the step). Such a step is a function of its
     * actor's own state alone, so it does the same, and touches nothing, wherever it runs; the
     * sleep-set searches' local-step rule rests on this (docs/explorer.md, "Local steps").
     */
    public boolean touchesNothing() {
        return reads.length == 0 && writes.length == 0 && updates.length == 0;
    }

    /** The same keys in the same roles and order (the same step, seen in two runs). */
    public boolean sameAs(Footprint other) {
        return Arrays.equals(reads, other.reads) && Arrays.equals(writes, other.writes)
                && Arrays.equals(updates, other.updates);
    }

    private static int[] ids(Object[] keys, KeyTable table) {
        if (table == null) {
            return null;
        }
        if (keys.length == 0) {
            return NO_IDS;
        }
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = table.id(keys[i]);
        }
        return out;
    }

    private static long bits(Object[] keys, int[] ids) {
        long b = 0;
        for (int i = 0; i < keys.length; i++) {
            // spread hashes: keys often differ only in their last characters
            int bit = ids != null ? ids[i] & 63 : (keys[i].hashCode() * 0x9E3779B9) >>> 26;
            b |= 1L << bit;
        }
        return b;
    }

    private static boolean meets(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
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
