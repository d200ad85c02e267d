package fputsim.model.check;

import fputsim.explore.Completeness;
import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.variant.Variants;

import java.util.ArrayList;
import java.util.List;

/**
 * Comparing variants checked with the same bounds (one {@link ModelCheck.Result} a variant, the
 * first the reference row): what the comparison says as a whole, the cells of its table, the
 * verdicts that changed against the first row, and whether each row's search reached every state
 * on the baseline's path to EBUSY (non-vacuity). Printing is the caller's business.
 */
public final class Comparison {
    private Comparison() {
    }

    /** What the comparison says as a whole. */
    public enum Kind {
        FIX_FAILS("fix-fails"), INTERRUPTED("interrupted"), INCONCLUSIVE("inconclusive"), FIXES_HOLD("fixes-hold");

        /** The key in JSON ({@code docs/json/compare-v1.schema.json}). */
        public final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    /** The comparison's kind and its line for people. */
    public record Outcome(Kind kind, String line) {
    }

    /** A baseline row: a built-in unpatched kernel (baseline-6.18, baseline-6.1). Every other row is a fix. */
    public static boolean isBaseline(Variant v) {
        return v.name().startsWith("baseline-") && Variants.find(v.name()) != null;
    }

    /**
     * The fixes hold when every fix row violates nothing and every fix row's search was
     * exhaustive; a fix fails when a fix row violates a property; otherwise the comparison was
     * interrupted (a requested row not run counts so) or is inconclusive. With no fix row, the
     * rows themselves are judged.
     */
    public static Outcome outcome(List<Variant> requested, List<ModelCheck.Result> results) {
        boolean anyFix = requested.stream().anyMatch(v -> !isBaseline(v));
        List<ModelCheck.Result> judged = results.stream().filter(r -> !anyFix || !isBaseline(r.factory().variant())).toList();
        List<String> failing = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<String> unproven = new ArrayList<>();
        for (ModelCheck.Result r : judged) {
            for (ModelCheck.Witness w : r.witnesses()) {
                failing.add(r.factory().variant().name() + " violates " + w.tally().outcome());
            }
            if (r.witnesses().isEmpty() && r.exploration().completeness().unproven()) {
                unproven.add(r.factory().variant().name());
            } else if (r.witnesses().isEmpty() && !r.exploration().exhaustive()) {
                open.add(r.factory().variant().name() + " (" + r.exploration().completeness().describe() + ")");
            }
        }
        String rows = anyFix ? "fix" : "row";
        if (!failing.isEmpty()) {
            return new Outcome(Kind.FIX_FAILS, (anyFix ? "a fix fails: " : "violated: ") + String.join(", ", failing));
        }
        List<String> notRun = requested.subList(results.size(), requested.size()).stream().filter(v -> !anyFix || !isBaseline(v)).map(Variant::name).toList();
        boolean interrupted = results.stream().anyMatch(r -> r.exploration().completeness().has(Completeness.Kind.INTERRUPTED));
        if (interrupted || !notRun.isEmpty()) {
            return new Outcome(Kind.INTERRUPTED, "interrupted: no " + rows + " failed before Ctrl-C"
                    + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun)) + "; nothing is proven");
        }
        if (!open.isEmpty() || !unproven.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!open.isEmpty()) {
                parts.add("these searches were not exhaustive: " + String.join(", ", open));
            }
            if (!unproven.isEmpty()) {
                parts.add("the DPOR searches of " + String.join(", ", unproven) + " ran out, which is not a proof here ("
                        + Completeness.DPOR_UNPROVEN + ")");
            }
            return new Outcome(Kind.INCONCLUSIVE, "inconclusive: no " + rows + " violates a property, but " + String.join("; ", parts)
                    + "; Unseen is not a proof");
        }
        boolean stateful = judged.stream().anyMatch(r -> "stateful".equals(r.exploration().completeness().caveatTag()));
        String by = stateful ? "by an exhaustive stateful search (up to fingerprint collisions: see the stateful: lines)" : "by an exhaustive search";
        return new Outcome(Kind.FIXES_HOLD, anyFix ? "the fixes hold: every fix row violates nothing, " + by
                : "no row violates a property, " + by);
    }

    /** A table cell: Never only for an exhaustive search; otherwise Unseen, and the class of cut in brackets. */
    public static String cell(Exploration e, Tally t) {
        String word = switch (t.verdict()) {
            case Never -> e.verdictWord(t);
            case Always -> "Always";
            case Sometimes -> "Sometimes " + t.violating() + "/" + t.total();
        };
        if (e.exhaustive() && e.completeness().caveat() != null) {
            // stateful: its line under the table says the probability of a missed state
            return word + " (" + e.completeness().label() + ", " + e.completeness().caveatTag() + ")";
        }
        if (e.completeness().unproven() && t.violating() > 0) {
            return word + " (DPOR)"; // proven by its witness; the counts are over DPOR's schedules
        }
        return e.exhaustive() ? word : word + " (" + e.completeness().label() + ")";
    }

    /** A row's properties, probes aside, in the order the model declares them. */
    public static List<Tally> properties(ModelCheck.Result r) {
        return r.exploration().tallies().stream().filter(t -> !ModelFactory.isProbe(t.property())).toList();
    }

    /**
     * A line per property whose verdict differs from the first row's: the row, the outcome, the
     * verdict before and after, and a witness (the row's own when it violates the property, else the
     * first row's).
     */
    public static List<String> changes(List<ModelCheck.Result> results) {
        List<String> out = new ArrayList<>();
        ModelCheck.Result base = results.get(0);
        for (ModelCheck.Result r : results.subList(1, results.size())) {
            List<Tally> ts = properties(r);
            List<Tally> bs = properties(base);
            for (int i = 0; i < ts.size(); i++) {
                Tally t = ts.get(i);
                Tally b = bs.get(i);
                if (t.verdict() != b.verdict()) {
                    String tw = r.exploration().verdictWord(t) + (r.exploration().exhaustive() ? ""
                            : r.exploration().completeness().unproven() ? (t.violating() > 0 ? " (DPOR)" : " (unproven: DPOR)")
                            : " (" + r.exploration().completeness().describe() + ")");
                    String bw = base.exploration().verdictWord(b);
                    ModelCheck.Result holder = t.violating() > 0 ? r : base;
                    String witness = holder.witnesses().stream().filter(w -> w.tally().property().equals(t.property()))
                            .map(w -> w.token().encode()).findFirst().orElse("-");
                    out.add("changed: " + r.factory().variant().name() + " " + t.outcome() + " " + bw + " -> " + tw
                            + (t.violating() > 0 ? ", witness " : ", the baseline's witness ") + witness);
                }
            }
        }
        return out;
    }

    /**
     * Whether a row's search reached every state on the baseline's path to EBUSY (each probe seen
     * in some schedule), as one line: without it, a verdict of no violation may be vacuous.
     */
    public static String nonVacuity(ModelCheck.Result r) {
        StringBuilder nv = new StringBuilder("non-vacuity: " + r.factory().variant().name() + ":");
        boolean all = true;
        for (Tally t : r.exploration().tallies()) {
            if (ModelFactory.isProbe(t.property())) {
                nv.append(' ').append(t.outcome()).append(' ').append(t.violating()).append('/').append(t.total());
                all &= t.violating() > 0;
            }
        }
        nv.append(all ? " (every state on the baseline's path to EBUSY is reached)" : " (SOME STATE ON THE PATH TO EBUSY IS NOT REACHED: a verdict of no violation here may be vacuous)");
        return nv.toString();
    }
}
