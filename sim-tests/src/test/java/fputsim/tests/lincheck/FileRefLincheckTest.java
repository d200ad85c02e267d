package fputsim.tests.lincheck;

import fputsim.atomics.FileRef;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fget / fput on f_count are linearizable against a plain counter: a dead file is never resurrected and the
 * final-put hand-off (____fput / delayed_fput) happens exactly once.
 */
class FileRefLincheckTest {

    public static class Ops {
        private final FileRef file;

        public Ops() {
            this(new FileRef());
        }

        protected Ops(FileRef file) {
            this.file = file;
        }

        @Operation
        public boolean get() {
            return file.fget();
        }

        /** true for the one put that hands the file to __fput. */
        @Operation
        public boolean put() {
            return file.fput();
        }

        @Validate
        public void finalPutAtMostOnce() {
            if (file.finalPuts() > 1) {
                throw new IllegalStateException("final fput handed off " + file.finalPuts() + " times");
            }
        }
    }

    /** Sequential specification: count starts at 1 (the opener's reference). */
    public static class Spec {
        private long count = 1;

        public boolean get() {
            if (count == 0) {
                return false;
            }
            count++;
            return true;
        }

        public boolean put() {
            if (count == 0) {
                return false; /* imbalanced put: refused, never a second release */
            }
            count--;
            return count == 0;
        }
    }

    @BeforeAll
    static void budget() {
        System.out.println(LincheckBudgets.describe());
    }

    @Test
    void fileRef_modelChecking_linearizable() {
        LincheckBudgets.modelChecking().sequentialSpecification(Spec.class).check(Ops.class);
    }

    @Test
    void fileRef_stress_linearizable() {
        LincheckBudgets.stress().sequentialSpecification(Spec.class).check(Ops.class);
    }
}
