package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fputsim.atomics.broken.BrokenFileRef;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/** Negative control: Lincheck's model checking must catch fget done as check-then-increment. */
class BrokenFileRefLincheckTest {

    public static class Ops extends FileRefLincheckTest.Ops {
        public Ops() {
            super(new BrokenFileRef());
        }
    }

    @Test
    void brokenFget_modelChecking_caught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> LincheckBudgets.modelChecking()
                .sequentialSpecification(FileRefLincheckTest.Spec.class).check(Ops.class));
        assertThat(e.getMessage()).containsAnyOf("Invalid execution results", "final fput handed off");
        NegativeControls.printHead("BrokenFileRef", e);
    }
}
