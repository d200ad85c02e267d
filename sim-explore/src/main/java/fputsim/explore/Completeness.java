package fputsim.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of its schedule space an exploration covered. Only an exploration with no cut is a
 * proof that an outcome it never saw cannot happen (in the program as modelled): every schedule
 * was run to its end. Any cut (a bound the strategy applies, a schedule stopped at the step
 * bound, a schedule or time budget, a stop request, stopping at the first violation) or sampling
 * leaves schedules unexplored, so "not seen" is then only "not seen yet". So does a reduction not
 * proven complete for the program ({@link Kind#UNPROVEN_REDUCTION}): every schedule it asked for
 * ran, but nothing proves that they cover every outcome.
 *
 * <p>A search that matches states by fingerprint (the stateful search) is exhaustive only up to
 * fingerprint collisions: its {@code caveat} says so, with the probability that a state was
 * wrongly taken as visited, and is printed wherever an exhaustive run's completeness is, so that
 * such a run is never reported as a bare "exhaustive".
 *
 * @param cuts   why the exploration is not exhaustive, in the order found (empty: exhaustive)
 * @param caveat what the coverage rests on besides the cuts (e.g. the fingerprints' collision
 *               probability), or null
 */
public record Completeness(List<Cut> cuts, String caveat) {
    /** The kinds of cut, from the strategy's own bound to the reasons an exploration ended early. */
    public enum Kind {
        /** The strategy skips schedules by design: at most N preemptions per schedule. */
        PREEMPTION_BOUND("bounded"),
        /** Only a part of the space by design: one shard of a split search (merge the shards). */
        PARTIAL("bounded"),
        /** The strategy samples schedules (random walk, PCT, a single replay). */
        SAMPLED("sampled"),
        /** At least one schedule reached the step bound with actors still enabled: its rest was not run. */
        STEP_BOUND("bounded"),
        /** The table of visited states reached its maximum (the stateful search's {@code --max-states}). */
        MAX_STATES("bounded"),
        /** The schedule budget ran out before the strategy did. */
        SCHEDULE_LIMIT("bounded"),
        /** The time budget ran out before the strategy did. */
        TIME_LIMIT("bounded"),
        /** A stop was requested (e.g. by the user) before the strategy ran out. */
        INTERRUPTED("interrupted"),
        /** The exploration stopped at the first schedule that violated a property. */
        STOPPED_AT_VIOLATION("stopped"),
        /**
         * The strategy ran out, but its reduction is not proven complete for this program: a DPOR
         * search ({@code dfs}, {@code dfs-optimal}) on a program whose footprints may depend on the
         * values a step reads (docs/explorer.md, point 7). Every schedule the reduction asked for
         * was run; whether that covers every outcome is what no proof says.
         */
        UNPROVEN_REDUCTION("unproven");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** One word for the class of cut: bounded, sampled, interrupted or stopped. */
        public String label() {
            return label;
        }
    }

    /** One reason the exploration is not exhaustive, with a sentence fragment saying what was cut. */
    public record Cut(Kind kind, String why) {
    }

    public static final Completeness EXHAUSTIVE = new Completeness(List.of());

    /**
     * Why an exhausted DPOR search ({@code dfs}, {@code dfs-optimal}) is not a proof when the
     * program's footprints may depend on the values a step reads: no proof of either search covers
     * that case, and small programs where each misses an end state are known (docs/explorer.md,
     * point 7). The sleep-set searches ({@code dfs-sleep}, {@code --state-cache on}) do not need it.
     */
    public static final String DPOR_UNPROVEN = "DPOR is proven complete only when no step's footprint depends on a value it reads,"
            + " and this program's may (docs/explorer.md, point 7); for a proof: --strategy dfs-sleep or --state-cache on";

    /** True for the DPOR strategies, whose completeness needs footprints that do not depend on values read. */
    public static boolean dpor(String strategy) {
        return strategy.equals("dfs") || strategy.startsWith("dfs-optimal");
    }

    /**
     * The cut an exhausted run of the named strategy gets for its reduction, or null: a DPOR search
     * on a program whose footprints may depend on values ({@link Kind#UNPROVEN_REDUCTION}).
     */
    public static Cut reductionCut(String strategy, boolean footprintsDependOnValues) {
        if (!dpor(strategy) || !footprintsDependOnValues) {
            return null;
        }
        String name = strategy.startsWith("dfs-optimal") ? "dfs-optimal" : strategy;
        return new Cut(Kind.UNPROVEN_REDUCTION, "every schedule of the DPOR search (" + name + ") was run, but " + DPOR_UNPROVEN);
    }

    /** The same cuts with {@code cut} added (null: unchanged). */
    public Completeness with(Cut cut) {
        if (cut == null) {
            return this;
        }
        List<Cut> all = new ArrayList<>(cuts);
        all.add(cut);
        return new Completeness(all, caveat);
    }

    /**
     * True when the strategy ran out with nothing cut but, possibly, its reduction's proof
     * ({@link Kind#UNPROVEN_REDUCTION}): what a size budget asks ("did the search finish?"), not
     * whether its Never is a proof ({@link #exhaustive}).
     */
    public boolean finished() {
        for (Cut c : cuts) {
            if (c.kind() != Kind.UNPROVEN_REDUCTION) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the only cut is the reduction's ({@link Kind#UNPROVEN_REDUCTION}): a DPOR search
     * that ran out on a program whose footprints may depend on values read, not a proof.
     */
    public boolean unproven() {
        return !exhaustive() && finished();
    }

    /** The caveats' short names for a table cell: {@code stateful}, or null (none). */
    public String caveatTag() {
        if (caveat == null) {
            return null;
        }
        return caveat.startsWith("stateful") ? "stateful" : "caveat";
    }

    public Completeness {
        cuts = List.copyOf(cuts);
    }

    public Completeness(List<Cut> cuts) {
        this(cuts, null);
    }

    /** The same cuts with a caveat (null: none). */
    public Completeness withCaveat(String c) {
        return new Completeness(cuts, c);
    }

    public boolean exhaustive() {
        return cuts.isEmpty();
    }

    public boolean has(Kind kind) {
        for (Cut c : cuts) {
            if (c.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** The reasons, in order: e.g. {@code ["time limit 5s reached"]}. */
    public List<String> why() {
        List<String> out = new ArrayList<>(cuts.size());
        for (Cut c : cuts) {
            out.add(c.why());
        }
        return out;
    }

    /**
     * One word for the whole: {@code exhaustive}, or the strongest class of cut, in this order:
     * {@code interrupted}, {@code stopped}, {@code sampled}, {@code bounded}, {@code unproven}.
     */
    public String label() {
        if (exhaustive()) {
            return "exhaustive";
        }
        for (String l : List.of("interrupted", "stopped", "sampled", "bounded")) {
            for (Cut c : cuts) {
                if (c.kind().label().equals(l)) {
                    return l;
                }
            }
        }
        return "unproven";
    }

    /**
     * {@code exhaustive}, or e.g. {@code bounded: max schedules 5 reached; max steps 2000 reached by
     * 1 of 5 schedules}; with a caveat, e.g. {@code exhaustive, stateful with 64-bit fingerprints (hash
     * compaction): probability of a missed state <= 2.7e-10}.
     */
    public String describe() {
        if (exhaustive()) {
            return caveat == null ? "exhaustive" : "exhaustive, " + caveat;
        }
        return label() + ": " + String.join("; ", why()); // not a proof anyway: the caveat adds nothing
    }

    /** A duration as the command line writes it: 2m, 5s or 500ms. */
    public static String duration(long nanos) {
        long ms = nanos / 1_000_000;
        if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms > 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
