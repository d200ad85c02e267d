package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guided search's two halves. Since finding 4 (io_cqring_wait runs a killed submitter's
 * pending local work), the committed 6.18 order needs a completion that arrives only after the
 * killed submitter ran its local work and its cancel, and before the exit work moves the ring's
 * local work to the fallback: a completion held back over most of the run. From the search's
 * default order (the running actor, then by id: completions first) that schedule is a discrepancy
 * at every decision where the completion was enabled, and the depth-first search alone spends any
 * bound on the interleavings after a completion that came too early (pruned only at
 * WAIT_RETURNED, where FALLBACK_STARTED was expected).
 */
class GuidedStrategyTest {
    static final String COMMITTED = "KILL < FIO_EXITED < EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FALLBACK_STARTED"
            + " < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED";

    static ModelFactory model(int jobs, int iodepth) {
        return ModelFactory.of("03", ScenarioConfig.defaults().withSize(jobs, iodepth), "baseline-6.18");
    }

    static Conformance.Result search(String order, ModelFactory f, long bound, boolean walks) {
        GuidedStrategy s = new GuidedStrategy(Projection.parse(order), bound, walks);
        return Conformance.check(Projection.parse(order), List.of(), f, s, Conformance.MAX_STEPS);
    }

    @Test
    void committedOrderAtRunSize_depthFirstAloneMissesIt_theWalksFindIt() {
        Conformance.Result dfs = search(COMMITTED, model(12, 2), 2_000, false);
        assertThat(dfs.conforms()).isFalse();
        assertThat(dfs.exhausted()).isFalse();
        Conformance.Result both = search(COMMITTED, model(12, 2), 2_000, true);
        assertThat(both.conforms()).as(both.report()).isTrue();
    }

    /**
     * Captured by RealKernelTest on 6.18.44 (2026-12-02, iteration 1 of a traced 12-job run): wait
     * and umount before any exit work starts, then the fallback. At 12 x 2 the model needs every
     * one of the 12 exit kworkers held back past wait and umount, and a completion past its
     * submitter's cancel.
     */
    @Test
    void waitAndUmountBeforeTheExitWorkAtRunSize_conforms() {
        Conformance.Result r = search("KILL < FIO_EXITED < EXIT_WORK_QUEUED < WAIT_RETURNED < UMOUNT(-16)"
                + " < EXIT_WORK_STARTED < FALLBACK_STARTED < DELAYED_FPUT_STARTED", model(12, 2), Conformance.MAX_SCHEDULES, true);
        assertThat(r.conforms()).as(r.report()).isTrue();
    }

    @Test
    void orderThatCannotStart_searchEndsByItselfAndSaysExhaustive() {
        // every schedule leaves the order at the kill: the pruned tree is the orders of the
        // completions and the kill, small enough to run out
        String exitFirst = "FIO_EXITED < KILL";
        Conformance.Result alone = search(exitFirst, model(2, 2), 100_000, false);
        Conformance.Result both = search(exitFirst, model(2, 2), 100_000, true);
        System.out.println(alone.line() + "\n" + both.line());
        assertThat(alone.conforms()).isFalse();
        assertThat(alone.exhausted()).isTrue();
        assertThat(alone.line()).endsWith(", exhaustive)");
        assertThat(both.conforms()).isFalse();
        assertThat(both.exhausted()).isTrue();
        // the walks ride along, one schedule in two: they never end the search or stand in for it
        assertThat(both.schedules()).isBetween(alone.schedules(), 2 * alone.schedules());
    }

    @Test
    void impossibleOrder_boundHit_isNotExhaustive() {
        String waitFirst = "KILL < WAIT_RETURNED < FIO_EXITED < EXIT_WORK_QUEUED";
        Conformance.Result r = search(waitFirst, model(2, 2), 50, true);
        assertThat(r.conforms()).isFalse();
        assertThat(r.exhausted()).isFalse();
        assertThat(r.schedules()).isEqualTo(50);
        assertThat(r.line()).endsWith(", bound hit)");
    }
}
