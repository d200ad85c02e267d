package fputsim.model;

import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mutation check over the footprint declarations themselves: every accessor that declares a
 * footprint on the audited paths has its declarations dropped in turn (as if its author had
 * forgotten them), and the audit must catch every mutant that changes a verdict at the audited
 * sizes. Prints the table: mutated, caught, missed (with whether the miss changes a verdict).
 */
class DeclarationMutationTest {
    /** The full set (-Dfputsim.mutation.full=true; 523 s at load 20 on 2 cores): the figures in the closing note. */
    static final String[][] FULL = {
            {"02", null}, {"04", "jobs=1,iodepth=2,direct=1,defer=0,engine=libaio"}, {"05", null}, {"06", null},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=1,defer=0"}, {"03", "jobs=1,iodepth=1,defer=0,iowq=1"},
            {"03", "jobs=1,iodepth=1,sqpoll=1,defer=0"}, {"03", "jobs=1,iodepth=1,fixed=1"},
    };
    /** What CI runs: the cases where a mutant was caught in the full run, on the variants that exercise them. */
    static final String[][] CI = {
            {"05", null}, {"03", "jobs=1,iodepth=1,defer=0,iowq=1"},
    };
    static final String[] CI_VARIANTS = {"baseline-6.18", "release-wait-naive", "exit-cancel-2026"};
    static final boolean FULL_RUN = Boolean.getBoolean("fputsim.mutation.full");
    static final long SAMPLES = 300;
    static final String ONLY = System.getProperty("fputsim.mutation.only");
    static final long SEED = 7;

    @Test
    void mutate_everyDeclaringAccessor_theAuditCatchesEveryMutantThatChangesAVerdict() {
        Map<String, Boolean> caught = new TreeMap<>();
        Map<String, Boolean> changes = new TreeMap<>();
        Map<String, String> witness = new TreeMap<>();
        for (String[] c : FULL_RUN ? FULL : CI) {
            if (ONLY != null && !(c[0] + " " + c[1]).equals(ONLY)) {
                continue;
            }
            for (String v : FULL_RUN ? Variants.names().toArray(String[]::new) : CI_VARIANTS) {
                ModelFactory f = FootprintAuditTest.factory(c[0], c[1], v);
                Set<String> sites = new TreeSet<>(FootprintAudit.sites(f));
                sites.removeIf(s -> Boolean.TRUE.equals(caught.get(s))); // already caught elsewhere
                for (FootprintAudit.Mutant m : FootprintAudit.mutate(f, sites, SAMPLES, SEED)) {
                    caught.merge(m.site(), m.caught(), Boolean::logicalOr);
                    changes.merge(m.site(), m.changesVerdict(), Boolean::logicalOr);
                    if (m.caught()) {
                        witness.putIfAbsent(m.site(), c[0] + " " + (c[1] == null ? "defaults" : c[1]) + " " + v);
                    }
                }
            }
        }
        List<String> missedChanging = new ArrayList<>();
        StringBuilder table = new StringBuilder("declaration mutants (accessor: caught by the audit on, or missed)\n");
        for (String site : caught.keySet()) {
            boolean ok = caught.get(site);
            table.append(String.format("  %-44s %s%n", site, ok ? "caught: " + witness.get(site)
                    : "missed" + (changes.get(site) ? " AND CHANGES A VERDICT" : " (no verdict changes at these sizes)")));
            if (!ok && changes.get(site)) {
                missedChanging.add(site);
            }
        }
        long nCaught = caught.values().stream().filter(b -> b).count();
        table.append(String.format("mutated %d, caught %d, missed %d%n", caught.size(), nCaught, caught.size() - nCaught));
        System.out.print(table);
        assertThat(caught).isNotEmpty();
        assertThat(nCaught).as("the audit catches at least the mutants the full run caught here").isGreaterThanOrEqualTo(2);
        assertThat(missedChanging).as("mutants that change a verdict but pass the audit").isEmpty();
    }
}
