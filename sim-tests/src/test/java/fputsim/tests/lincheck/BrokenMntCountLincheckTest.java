package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fputsim.atomics.broken.BrokenMntCount;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/** Negative control: Lincheck's model checking must catch do_umount's check and detach done as two steps. */
class BrokenMntCountLincheckTest {

    public static class Ops extends MntCountLincheckTest.Ops {
        public Ops() {
            super(new BrokenMntCount());
        }
    }

    @Test
    void brokenDoUmount_modelChecking_caught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> LincheckBudgets.modelChecking()
                .sequentialSpecification(MntCountLincheckTest.Spec.class).check(Ops.class));
        assertThat(e.getMessage()).contains("Invalid execution results");
        NegativeControls.printHead("BrokenMntCount", e);
    }
}
