package fputsim.tests.property;

import fputsim.model.Variant;
import fputsim.model.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the model (QuickTheories 0.26, fixed seeds): generated scenarios x variants x
 * schedules. See {@link ModelTheories} for the properties and their coverage requirements.
 */
class ModelPropertyTest {
    private static final long SEED = 0x0618_03EBL;

    /** The variants that claim to fix the bug (their doc comments: "EBUSY Never", exit terminates). */
    static final List<String> FIXED = List.of("exit-cancel-2024", "exit-cancel-2026");

    /** Every registered variant, with the baseline drawn three times as often (it must reach EBUSY). */
    static List<Variant> everyVariant() {
        List<Variant> v = new ArrayList<>(Variants.all());
        v.add(Variants.find("baseline-6.18"));
        v.add(Variants.find("baseline-6.18"));
        return v;
    }

    @Test
    void anySchedule_everyVariant_refcountsNeverNegativeAndTaskWorkRunsOnceOrIsRejected() {
        ModelTheories.refcountsAndTaskWork(everyVariant(), "baseline-6.18", SEED, 1000);
    }

    @Test
    void anySchedule_everyVariant_taskWorkBatchesRunNewestFirst() {
        ModelTheories.taskWorkBatchesRunNewestFirst(everyVariant(), "baseline-6.18", SEED + 1, 1000);
    }

    @Test
    void anySchedule_replayedTwice_givesTheSameTrace() {
        ModelTheories.replayIsDeterministic(everyVariant(), "baseline-6.18", SEED + 2, 300);
    }

    @Test
    void anySchedule_fixedVariants_neverBusyLeakingOrHanging() {
        List<Variant> fixed = new ArrayList<>();
        for (String name : FIXED) {
            Variant v = Variants.find(name);
            if (v != null) {
                fixed.add(v);
            }
        }
        Assumptions.assumeTrue(!fixed.isEmpty(), "variant not merged yet: " + FIXED);
        ModelTheories.fixedVariantsAreSafe(fixed, SEED + 3, 1000);
    }
}
