package fputsim.model;

import fputsim.explore.Actor;
import fputsim.explore.StateHash;
import fputsim.explore.Status;
import fputsim.explore.Symmetry;
import fputsim.explore.UntrackedStepContext;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Symmetry's fingerprints are functions of the orbit, not of the member order. Run a and its mirror
 * b: b starts in the image of the set-up state under the swap of fio's two jobs (each index list's
 * places swapped, as the permutation defines it, docs/explorer.md "Symmetry") and takes the same
 * schedule with every actor replaced by its image. After every step b must be enabled where a is,
 * the relabelled walk of a must hash as b does, and the two canonical fingerprints must be equal;
 * on every variant and on the scenario-03 configurations that declare the symmetry. A member object
 * left out of the declaration (io_tctx_exit_cb's callback head once was), another member's name
 * read literally, or an index list walked in member order makes them differ: the stateful search
 * then merges fewer states than it could (the first also broke the relabelled walk).
 */
class SymmetryOrbitTest {
    static final String[] CONFIGS = {
            "jobs=2,iodepth=1", "jobs=2,iodepth=1,defer=0", "jobs=2,iodepth=2", "jobs=2,iodepth=1,direct=1",
            "jobs=2,iodepth=1,engine=psync",
    };
    static final int RUNS = 6;
    static final int STEPS = 400;

    @Test
    void mirroredSchedules_everyVariant_sameCanonicalFingerprintAfterEveryStep() {
        List<String> mismatches = new ArrayList<>();
        long renamed = 0;
        long compared = 0;
        for (String cfg : CONFIGS) {
            for (String v : Variants.names()) {
                ModelFactory f = ModelFactory.of("03", ScenarioConfig.parse(cfg), v);
                for (int run = 0; run < RUNS && mismatches.size() < 5; run++) {
                    Random rnd = new Random(cfg.hashCode() * 31L + v.hashCode() * 7L + run);
                    Kernel a = f.create();
                    Kernel b = f.create();
                    Symmetry sym = a.symmetry();
                    Symmetry symB = b.symmetry();
                    assertThat(sym.none()).as(cfg).isFalse();
                    Symmetry.Relabel swap = sym.relabel(new int[][]{{1, 0}});
                    Symmetry.Relabel swapB = symB.relabel(new int[][]{{1, 0}});
                    Symmetry.Relabel sameB = symB.relabel(new int[][]{{0, 1}});
                    image(symB, swapB); // b is now the image of a: the jobs' places in the index lists swapped
                    for (int step = 0; step < STEPS; step++) {
                        List<Actor> enabled = new ArrayList<>();
                        for (Actor x : a.actors()) {
                            if (x.status() == Status.ENABLED) {
                                enabled.add(x);
                            }
                        }
                        if (enabled.isEmpty()) {
                            break;
                        }
                        Actor x = enabled.get(rnd.nextInt(enabled.size()));
                        String mirror = swap.stringOf(x.name());
                        Actor y = null;
                        for (Actor z : b.actors()) {
                            if (z.name().equals(mirror)) {
                                y = z;
                            }
                        }
                        String at = cfg + " " + v + " run " + run + " step " + step + " " + x.name() + "/" + mirror;
                        if (y == null || y.status() != Status.ENABLED) {
                            mismatches.add(at + ": the mirror is not enabled");
                            break;
                        }
                        if (!mirror.equals(x.name())) {
                            renamed++;
                        }
                        x.step(new UntrackedStepContext());
                        y.step(new UntrackedStepContext());
                        if (!Arrays.equals(StateHash.of(a, swap), StateHash.of(b, sameB))) {
                            mismatches.add(at + ": the image's fingerprint is not the fingerprint of the relabelled walk");
                            break;
                        }
                        long[] ha = StateHash.of(a, sym.relabel(sym.canonical(a)));
                        long[] hb = StateHash.of(b, symB.relabel(symB.canonical(b)));
                        compared++;
                        if (!Arrays.equals(ha, hb)) {
                            mismatches.add(at + ": canonical fingerprints differ");
                            break;
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(renamed).as("the mirror swaps the jobs' actors").isGreaterThan(100);
        assertThat(compared).isGreaterThan(1000);
    }

    /** Makes the set-up state its own image under {@code swap}: place k of every index list holds the image of what it held. */
    @SuppressWarnings("unchecked")
    static void image(Symmetry sym, Symmetry.Relabel swap) {
        for (List<?> l : sym.indexLists()) {
            List<Object> list = (List<Object>) l;
            for (int k = 0; k < list.size(); k++) {
                list.set(k, swap.image(list.get(k)));
            }
        }
    }
}
