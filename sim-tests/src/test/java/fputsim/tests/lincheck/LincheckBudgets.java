package fputsim.tests.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Every Lincheck budget of this module, in one place. Lincheck's defaults (100 iterations x 10,000 invocations,
 * 5 actors per thread, 5 before, 5 after) take minutes per class on 2 cores, so every test goes through here.
 *
 * <p>Default profile (CI, 2 cores): model checking 10 x 500, stress 10 x 1,000; 2 threads x 2 actors, 1 before,
 * 1 after. Heavy profile ({@code -Dfputsim.lincheck.heavy=true}): model checking 50 x 5,000 and stress
 * 50 x 10,000, 2 threads x 3 actors, 2 before, 2 after. Run it with
 * {@code mvn -B -ntp -pl sim-tests verify -Dfputsim.lincheck.heavy=true}.
 *
 * <p>Negative controls use model checking with the same budget: each scenario is explored systematically, so a
 * caught bug is caught in every run (stress is timing-dependent).
 */
public final class LincheckBudgets {

    /** {@code -Dfputsim.lincheck.heavy=true} selects the heavy profile. */
    public static final boolean HEAVY = Boolean.getBoolean("fputsim.lincheck.heavy");

    public static final int THREADS = 2;
    public static final int ACTORS_PER_THREAD = HEAVY ? 3 : 2;
    public static final int ACTORS_BEFORE = HEAVY ? 2 : 1;
    public static final int ACTORS_AFTER = HEAVY ? 2 : 1;

    public static final int MC_ITERATIONS = HEAVY ? 50 : 10;
    public static final int MC_INVOCATIONS = HEAVY ? 5_000 : 500;
    public static final int STRESS_ITERATIONS = HEAVY ? 50 : 10;
    public static final int STRESS_INVOCATIONS = HEAVY ? 10_000 : 1_000;

    /**
     * The threaded scenario ({@link ThreadedScenario}) under {@code runConcurrentTest}: one invocation runs the
     * whole model on real threads and costs about a second on 2 cores (Lincheck tracks every field access of
     * the model), so the budgets are invocations, not iterations. A search that must find a violation stops at
     * the first one; a search that must find nothing uses its whole budget.
     */
    public static final int SCENARIO_FIND_INVOCATIONS = HEAVY ? 2_000 : 100;
    public static final int SCENARIO_CLEAN_INVOCATIONS = HEAVY ? 300 : 8;
    public static final int SCENARIO_MAX_STEPS = 2_000;
    /** Cross-engine agreement: invocations per scenario x variant for the properties that must not fail. */
    public static final int AGREEMENT_CLEAN_INVOCATIONS = HEAVY ? 100 : 3;
    /** Mutation check: a property that must still fail is searched for this long. */
    public static final int MUTATION_FIND_INVOCATIONS = HEAVY ? 200 : 20;

    private LincheckBudgets() {
    }

    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(MC_ITERATIONS)
                .invocationsPerIteration(MC_INVOCATIONS)
                .threads(THREADS)
                .actorsPerThread(ACTORS_PER_THREAD)
                .actorsBefore(ACTORS_BEFORE)
                .actorsAfter(ACTORS_AFTER);
    }

    public static StressOptions stress() {
        return new StressOptions()
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .threads(THREADS)
                .actorsPerThread(ACTORS_PER_THREAD)
                .actorsBefore(ACTORS_BEFORE)
                .actorsAfter(ACTORS_AFTER);
    }

    public static String describeScenario() {
        return String.format("lincheck scenario budget %s: find <= %d invocations, clean %d invocations, max %d steps",
                HEAVY ? "heavy" : "default", SCENARIO_FIND_INVOCATIONS, SCENARIO_CLEAN_INVOCATIONS, SCENARIO_MAX_STEPS);
    }

    /** One line for test output, so a log says which budget was used. */
    public static String describe() {
        return String.format("lincheck budget %s: mc %dx%d, stress %dx%d, threads %d x %d actors, before %d, after %d",
                HEAVY ? "heavy" : "default", MC_ITERATIONS, MC_INVOCATIONS, STRESS_ITERATIONS, STRESS_INVOCATIONS,
                THREADS, ACTORS_PER_THREAD, ACTORS_BEFORE, ACTORS_AFTER);
    }
}
