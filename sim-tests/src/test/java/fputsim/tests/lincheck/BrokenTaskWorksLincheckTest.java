package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fputsim.atomics.broken.BrokenTaskWorks;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/** Negative control: Lincheck's model checking must catch task_work_add without the work_exited check. */
class BrokenTaskWorksLincheckTest {

    public static class Ops extends TaskWorksLincheckTest.Ops {
        public Ops() {
            super(new BrokenTaskWorks());
        }
    }

    @Test
    void brokenTaskWorkAdd_modelChecking_caught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> LincheckBudgets.modelChecking()
                .sequentialSpecification(TaskWorksLincheckTest.Spec.class).check(Ops.class));
        assertThat(e.getMessage()).contains("Invalid execution results");
        NegativeControls.printHead("BrokenTaskWorks", e);
    }
}
