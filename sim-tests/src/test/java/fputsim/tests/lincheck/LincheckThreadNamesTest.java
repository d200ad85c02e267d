package fputsim.tests.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fputsim.model.ModelFactory;
import fputsim.model.variant.Variants;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * The IndexOutOfBoundsException that came out of {@code runConcurrentTest} on a loaded runner (issue 19), made
 * deterministic. Lincheck 3.7, after a failing invocation, re-runs it to collect the trace
 * ({@code ManagedStrategy.tryCollectTrace}), then names the trace's threads from
 * {@code ThreadScheduler.getRegisteredThreads()}, which reads each {@code ThreadDescriptor}'s
 * {@code WeakReference<Thread>} and leaves out the threads already collected; the list of names is as long as
 * the largest id it found plus one, and {@code traceToTree} (TraceNodes.kt:217 in 3.7) indexes that list by
 * every event's thread id. A garbage collection after the block's threads finished and before that moment
 * therefore throws "Index N out of bounds for length N" while the failure is laid out (from
 * {@code LincheckAssertionError}'s constructor). Lincheck holds the block's exception until then, so an
 * exception that references the threads is the narrowest fix: {@link ScenarioUnderLincheck.ViolationFound}
 * and {@link ThreadedScenario.StepFailed} do that. Here the collection is forced with {@code System.gc()}.
 */
class LincheckThreadNamesTest {

    /** The block's exception; {@code keep} is what it holds. */
    static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final transient Object keep;

        Failure(String message, Object keep) {
            super(message);
            this.keep = keep;
        }
    }

    /** Starts and joins two threads; returns them, or (to drop them) only a weak reference to one. */
    static Object twoThreads(AtomicInteger counter, boolean keep) {
        Thread[] ts = {new Thread(counter::incrementAndGet), new Thread(counter::incrementAndGet)};
        for (Thread t : ts) {
            t.start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return keep ? List.of(ts) : new WeakReference<>(ts[1]);
    }

    /**
     * The block: two threads, joined, then dropped (or kept) before it throws. A thread Lincheck has seen finish
     * may still be exiting in the JVM (still alive, so not collectable), more so on a loaded runner: the block
     * collects until the dropped thread's weak reference is cleared, at most 20 times, and says in its message
     * whether it was.
     */
    /** Whether the block's last invocation (the one Lincheck lays the trace out from) saw the thread collected. */
    static volatile Boolean lastCollected;

    static void failAfterCollecting(boolean keep) {
        lastCollected = null;
        Lincheck.runConcurrentTest(2, () -> {
            AtomicInteger counter = new AtomicInteger();
            Object threads = twoThreads(counter, keep);
            for (int i = 0; i < 20 && threads instanceof WeakReference<?> w && w.get() != null; i++) {
                System.gc();
            }
            boolean collected = threads instanceof WeakReference<?> w && w.get() == null;
            lastCollected = collected;
            throw new Failure("fails on purpose after " + counter.get() + " increments; collected " + collected, threads);
        });
    }

    @Test
    void lincheck37_threadsCollectedBeforeTheTraceIsLaidOut_throwIndexOutOfBounds() {
        // Lincheck's own bug, kept as a test: when it fails, Lincheck no longer needs the threads held, and the
        // holders above (and docs/lincheck.md) can go.
        Throwable thrown = catchThrowable(() -> failAfterCollecting(false));
        if (!(thrown instanceof IndexOutOfBoundsException)) {
            // on a loaded runner the bug may not be exercised: say why and skip, never pass or fail on load
            assumeTrue(Boolean.TRUE.equals(lastCollected),
                    "the dropped threads were still exiting after 20 collections (a loaded runner), or the block did not run: the bug was not exercised");
            assumeFalse(thrown != null && String.valueOf(thrown.getMessage()).contains("hung"),
                    "Lincheck's fixed 30 s limit cut the run (a loaded runner): the bug was not exercised");
        }
        assertThat(thrown).as("Lincheck laid out a trace whose threads were collected").isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("out of bounds for length");
    }

    @Test
    void threadsHeldByTheBlocksException_traceIsLaidOut() {
        assertThatThrownBy(() -> failAfterCollecting(true)).isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("fails on purpose after 2 increments; collected false")
                .hasMessageContaining("The following interleaving leads to the error");
    }

    /** What ScenarioUnderLincheck's block throws holds every thread the run started, all finished. */
    @Test
    void violationFound_holdsEveryThreadOfTheRun() throws InterruptedException {
        ModelFactory f = ThreadedScenarioLincheckTest.scenario03(Variants.find("baseline-6.18"));
        ThreadedScenario.Result r = new ThreadedScenario(f, LincheckBudgets.SCENARIO_MAX_STEPS).run();
        assertThat(r.threads()).isNotEmpty().allMatch(t -> t.getState() == Thread.State.TERMINATED);
        ScenarioUnderLincheck.ViolationFound v = new ScenarioUnderLincheck.ViolationFound(r);
        assertThat(v).hasFieldOrPropertyWithValue("threads", r.threads());
    }
}
