package fputsim.tests.property;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import fputsim.atomics.FileRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential properties of f_count: the final put is handed off exactly once, and a dead file stays dead. */
class FileRefPropertyTest {

    private static final long SEED = 0xF11E_0618L;

    /**
     * Ops: true is fget, false is fput. A put that would take the count below zero is skipped, so the sequence
     * keeps count >= 0; remaining references are then put. Exactly one put returns true: the one reaching zero.
     */
    @Test
    void fput_balancedSequence_finalPutExactlyOnce() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(booleans().all()).ofSizeBetween(0, 64))
                .checkAssert(FileRefPropertyTest::replay));
    }

    private static void replay(List<Boolean> ops) {
        FileRef file = new FileRef();
        long model = 1;
        for (boolean get : ops) {
            if (get) {
                boolean got = file.fget();
                check(got == (model > 0), "fget returned " + got + " at count " + model, ops);
                if (got) {
                    model++;
                }
            } else if (model > 0) {
                boolean fin = file.fput();
                model--;
                check(fin == (model == 0), "fput returned " + fin + " at count " + model, ops);
            }
        }
        while (model > 0) {
            file.fput();
            model--;
        }
        check(file.finalPuts() == 1, "final puts " + file.finalPuts(), ops);
        check(!file.fget(), "fget resurrected a dead file", ops);
        check(file.imbalancedPuts() == 0, "imbalanced puts " + file.imbalancedPuts(), ops);
    }

    /** Extra puts on a dead file are refused and counted; they never hand the file off a second time. */
    @Test
    void fput_extraPutsOnDeadFile_noSecondRelease() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(booleans().all()).ofSizeBetween(1, 16))
                .check(extra -> {
                    FileRef file = new FileRef();
                    boolean first = file.fput();
                    for (int i = 0; i < extra.size(); i++) {
                        if (file.fput()) {
                            return false;
                        }
                    }
                    return first && file.finalPuts() == 1 && file.imbalancedPuts() == extra.size()
                            && file.fileCount() == 0;
                }));
    }

    private static void check(boolean ok, String what, List<Boolean> ops) {
        if (!ok) {
            throw new AssertionError(what + " for ops " + ops);
        }
    }
}
