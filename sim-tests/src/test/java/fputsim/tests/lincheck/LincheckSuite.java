package fputsim.tests.lincheck;

import fputsim.model.ModelFactory;
import fputsim.model.props.KernelProperty;
import java.util.List;

/** The cross-engine check as a suite other tests can run (the mutation check), with the agreement budgets. */
public final class LincheckSuite {
    private LincheckSuite() {
    }

    /** Empty when Lincheck's threaded run agrees: every property of {@code can} found, none of {@code cannot}. */
    public static List<String> disagreements(ModelFactory f, List<KernelProperty> can, List<KernelProperty> cannot) {
        return CrossEngineAgreementTest.disagreements(f, can, cannot, LincheckBudgets.MUTATION_FIND_INVOCATIONS,
                LincheckBudgets.AGREEMENT_CLEAN_INVOCATIONS);
    }
}
