package fputsim.model;

import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kernel/workqueue.c as modelled (Linux 6.18): queue_work's pending bit (queue_work_on's
 * test_and_set_bit(WORK_STRUCT_PENDING_BIT)), process_one_work clearing it as the function starts, a worker per
 * work item that sleeps while nothing is pending, and flush_work waiting until the work is neither pending nor
 * running.
 */
class KworkerTest {

    /** A work whose function takes two steps (so that it can be seen running) and records each run. */
    static final class Fixture {
        final Kernel k = Kit.kernel();
        final List<String> ran = new ArrayList<>();
        final WorkStruct work = new WorkStruct(k.tracker, "w", "events", "w_func", false, () -> new Frame() {
            @Override
            public String function() {
                return "w_func";
            }

            @Override
            public boolean step(TaskStruct current, StepContext cx) {
                if (pc == 0) {
                    pc = 1;
                    return false;
                }
                ran.add("run by " + current.name());
                return true;
            }
        });
        final Kworker kw = k.newKworker(work);

        boolean queue() {
            return Kworker.queue_work(k, work, Kit.CX);
        }

        /** One step of the kworker: the start (process_one_work), then one step of the function. */
        void step() {
            assertThat(kw.status()).isEqualTo(Status.ENABLED);
            kw.step(Kit.CX);
        }
    }

    @Test
    void kworker_nothingPending_isFinishedNotBlocked() {
        Fixture f = new Fixture();
        assertThat(f.work.pending()).isFalse();
        assertThat(f.kw.status()).isEqualTo(Status.FINISHED); // an idle worker sleeping is not a hang
        assertThat(f.kw.isKthread()).isTrue();
    }

    @Test
    void queue_work_setsThePendingBitAndWakesTheWorker_aSecondQueueWhilePendingIsANoOp() {
        Fixture f = new Fixture();
        assertThat(f.queue()).isTrue();
        assertThat(f.work.pending()).isTrue();
        assertThat(f.kw.status()).isEqualTo(Status.ENABLED);
        assertThat(f.queue()).isFalse(); // already pending: queue_work returns false
        assertThat(f.work.queued()).isEqualTo(2);
        while (f.kw.status() == Status.ENABLED) {
            f.step();
        }
        assertThat(f.ran).containsExactly("run by " + f.kw.name()); // two queues while pending: one run
        assertThat(f.kw.status()).isEqualTo(Status.FINISHED);
    }

    @Test
    void process_one_work_clearsPendingAsTheFunctionStarts_soAQueueWhileRunningRunsItAgainAfterwards() {
        Fixture f = new Fixture();
        f.queue();
        f.step(); // process_one_work: pending cleared, the function starts
        assertThat(f.work.pending()).isFalse();
        assertThat(f.work.running()).isTrue();
        assertThat(Kit.events(f.k)).contains(new Event.WorkStarted("w_func"));
        assertThat(f.queue()).isTrue(); // queued again while it runs
        f.step();
        f.step(); // the first run returns
        assertThat(f.ran).hasSize(1);
        assertThat(f.work.running()).isFalse();
        assertThat(f.work.pending()).isTrue();
        while (f.kw.status() == Status.ENABLED) {
            f.step();
        }
        assertThat(f.ran).hasSize(2); // one after the other, never two at once: one worker per work
    }

    @Test
    void flush_work_waitsUntilTheWorkIsNeitherPendingNorRunning() {
        Fixture f = new Fixture();
        TaskStruct waiter = Kit.task(f.k, 100, "app");
        f.queue();
        waiter.call(new Kworker.Flush(f.work));
        assertThat(waiter.status()).isEqualTo(Status.BLOCKED); // pending
        f.step();
        assertThat(waiter.status()).isEqualTo(Status.BLOCKED); // running
        assertThat(waiter.top().waitsFor()).contains("running true");
        f.step();
        f.step();
        assertThat(f.work.quiet()).isTrue();
        assertThat(waiter.status()).isEqualTo(Status.ENABLED);
        Kit.runToIdle(waiter);
    }

    @Test
    void flush_work_fromTheWorksOwnWorker_doesNotWaitForItself() {
        Fixture f = new Fixture();
        f.queue();
        f.step(); // running on kw
        f.kw.call(new Kworker.Flush(f.work));
        assertThat(f.kw.status()).isEqualTo(Status.ENABLED);
    }
}
