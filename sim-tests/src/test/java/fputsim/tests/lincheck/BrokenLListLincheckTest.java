package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fputsim.atomics.broken.BrokenLList;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/** Negative control: Lincheck's model checking must catch llist_del_all done as read-then-set. */
class BrokenLListLincheckTest {

    public static class Ops extends LListLincheckTest.Ops {
        public Ops() {
            super(new BrokenLList());
        }
    }

    @Test
    void brokenLlistDelAll_modelChecking_caught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> LincheckBudgets.modelChecking()
                .sequentialSpecification(LListLincheckTest.Spec.class).check(Ops.class));
        assertThat(e.getMessage()).contains("Invalid execution results");
        NegativeControls.printHead("BrokenLList", e);
    }
}
