package fputsim.model.timed;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.explore.Ending;
import fputsim.explore.Replay;
import fputsim.explore.ReplayToken;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.Scenario03RetryingUmount;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import fputsim.model.variant.Variants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedDriverTest {
    static final long LIMIT = 6_000_000_000L;
    static final ScenarioConfig SEED = ScenarioConfig.defaults().withSize(12, 2);

    static ModelFactory retrying(ScenarioConfig c) {
        return new ModelFactory(new Scenario03RetryingUmount(), c, Variants.find("baseline-6.18"));
    }

    static TimedRun run(ModelFactory f, TimedParams p, long seed) {
        return new TimedDriver(p, LIMIT).run(f, seed);
    }

    /** Configurations that take different paths: DEFER_TASKRUN, normal task_work, SQPOLL, io-wq, fixed files, direct. */
    static List<ModelFactory> factories() {
        List<ModelFactory> fs = new ArrayList<>();
        fs.add(retrying(SEED));
        fs.add(retrying(ScenarioConfig.parse("jobs=3,iodepth=4,direct=1")));
        fs.add(retrying(ScenarioConfig.parse("jobs=2,iodepth=2,defer=0")));
        fs.add(retrying(ScenarioConfig.parse("jobs=2,iodepth=2,defer=0,sqpoll=1")));
        fs.add(retrying(ScenarioConfig.parse("jobs=2,iodepth=3,iowq=2")));
        fs.add(retrying(ScenarioConfig.parse("jobs=2,iodepth=2,fixed=1")));
        fs.add(new ModelFactory(new Scenario03RetryingUmount(), SEED.withSize(4, 2), Variants.find("baseline-6.1")));
        for (var s : Scenarios.all()) {
            fs.add(ModelFactory.of(s.number(), null, "baseline-6.18"));
        }
        return fs;
    }

    @Test
    void run_everyConfiguration_stepsAndEventsInTimeOrder() {
        for (ModelFactory f : factories()) {
            TimedRun r = run(f, TimedParams.defaults(), 11);
            assertThat(r.ending()).as(f.id()).isEqualTo(Ending.QUIESCENT);
            for (int i = 1; i < r.steps(); i++) {
                assertThat(r.stepNs()[i]).as(f.id() + " step " + (i + 1)).isGreaterThanOrEqualTo(r.stepNs()[i - 1]);
            }
            long last = 0;
            for (TraceEntry e : r.kernel().trace) {
                assertThat(r.timeOf(e)).as(f.id() + " " + e).isGreaterThanOrEqualTo(last);
                last = r.timeOf(e);
            }
        }
    }

    @Test
    void run_sameSeed_sameScheduleAndTimes() {
        ModelFactory f = retrying(SEED);
        TimedRun a = run(f, TimedParams.defaults(), 42);
        TimedRun b = run(f, TimedParams.defaults(), 42);
        assertThat(a.decisions()).isEqualTo(b.decisions());
        assertThat(a.stepNs()).isEqualTo(b.stepNs());
        assertThat(a.kernel().trace).isEqualTo(b.kernel().trace);
    }

    @Test
    void run_differentSeeds_differentTimes() {
        ModelFactory f = retrying(SEED);
        long[] first = run(f, TimedParams.defaults(), 1).stepNs();
        boolean differs = false;
        for (long s = 2; s < 6 && !differs; s++) {
            differs = !Arrays.equals(first, run(f, TimedParams.defaults(), s).stepNs());
        }
        assertThat(differs).isTrue();
    }

    /** Every timed run is a schedule the untimed explorer allows: strict replay gives the same trace. */
    @Test
    void run_replayedUntimed_sameTraceAndResults() {
        for (ModelFactory f : factories()) {
            for (long seed = 1; seed <= 3; seed++) {
                TimedRun r = run(f, TimedParams.defaults().with(TimedParam.HARNESS_DELAY_US, 1000 * (seed - 1)), seed);
                ReplayToken token = ReplayToken.decode(r.token().encode());
                Replay.Replayed<Kernel> u = Replay.run(f, token);
                assertThat(u.execution().ending()).as(f.id()).isEqualTo(r.ending());
                assertThat(u.program().trace).as(f.id() + " seed " + seed).isEqualTo(r.kernel().trace);
                assertThat(u.program().umountResults()).isEqualTo(r.kernel().umountResults());
                assertThat(u.program().fingerprint()).isEqualTo(r.kernel().fingerprint());
            }
        }
    }

    /**
     * delayed_fput is a 1-jiffy delayed work: with no lateness, wake-up or CPU cost it starts at the
     * second tick after its queueing, 4-8 ms later (the timer wheel rounds a level-0 expiry up by a
     * jiffy: kernel/time/timer.c calc_index@v6.18.32).
     */
    @Test
    void run_delayedFput_runsBetweenOneAndTwoJiffiesAfterItsQueueing() {
        TimedParams p = TimedParams.defaults().with(TimedParam.KWORKER_WAKE_US, 0).with(TimedParam.TIMER_LATE_US, 0)
                .with(TimedParam.KWORKER_STEP_US, 0)
                .with(TimedParam.CPUS, 0);
        for (long seed = 1; seed <= 20; seed++) {
            TimedRun r = run(retrying(SEED), p, seed);
            long queued = -1;
            for (TraceEntry e : r.kernel().trace) {
                if (e.event() instanceof Event.WorkQueued q && q.function().equals("delayed_fput") && queued < 0) {
                    queued = r.timeOf(e);
                } else if (e.event() instanceof Event.WorkStarted s && s.function().equals("delayed_fput") && queued >= 0) {
                    long d = r.timeOf(e) - queued;
                    assertThat(d).as("seed " + seed).isGreaterThan(4_000_000).isLessThanOrEqualTo(8_000_000);
                    queued = -1;
                }
            }
        }
    }

    /** A completion after io_ring_exit_work's first pass waits for its HZ/20 timeout: the window exceeds 11 jiffies. */
    @Test
    void run_completionsAfterExitWorkPass_windowAtLeastTheRetryPeriod() {
        TimedParams p = TimedParams.defaults().with(TimedParam.IO_BUFFERED_US, 1_000_000);
        for (long seed = 1; seed <= 5; seed++) {
            TimedRun r = run(retrying(SEED.withSize(2, 2)), p, seed);
            assertThat(r.busy()).isTrue();
            assertThat(r.windowNs()).as("seed " + seed).isGreaterThan(44_000_000L);
        }
    }

    /**
     * ctx->refs reaches zero only after percpu_ref_kill's RCU callback (lib/percpu-refcount.c@v6.18.32
     * __percpu_ref_switch_to_atomic → call_rcu_hurry), and a DEFER_TASKRUN ring's io_ring_exit_work calls
     * synchronize_rcu() before io_ring_ctx_free (io_uring.c@v6.18.32): two grace periods of at least a jiffy
     * each between a ring's release and its free; one for a SQPOLL ring (not DEFER_TASKRUN). With registered
     * files the window is therefore longer than two jiffies, however fast everything else is.
     */
    @Test
    void run_ringFree_waitsForTheRcuGracePeriodsOfPercpuRefKillAndSynchronizeRcu() {
        TimedParams fast = TimedParams.defaults().with(TimedParam.KWORKER_WAKE_US, 0).with(TimedParam.TIMER_LATE_US, 0)
                .with(TimedParam.KWORKER_STEP_US, 1).with(TimedParam.CPUS, 0).with(TimedParam.RCU_GP_US, 0);
        long jiffy = 4_000_000L;
        for (String config : new String[] {"jobs=2,iodepth=2,fixed=1", "jobs=2,iodepth=2,defer=0,sqpoll=1,fixed=1"}) {
            boolean defer = !config.contains("defer=0");
            for (long seed = 1; seed <= 10; seed++) {
                TimedRun r = run(retrying(ScenarioConfig.parse(config)), fast, seed);
                java.util.Map<String, Long> released = new java.util.HashMap<>();
                int freed = 0;
                for (TraceEntry e : r.kernel().trace) {
                    if (e.event() instanceof Event.RingReleased rr) {
                        released.put(rr.ring(), r.timeOf(e));
                    } else if (e.event() instanceof Event.Step s && s.function().startsWith("io_ring_ctx_free(")) {
                        String ring = s.function().substring("io_ring_ctx_free(".length(), s.function().length() - 1);
                        long took = r.timeOf(e) - released.get(ring);
                        assertThat(took).as(config + " seed " + seed + " " + ring).isGreaterThan((defer ? 2 : 1) * jiffy);
                        if (!defer) { // the callback is at most 3 jiffies after the kill; then a few 1-us kworker steps
                            assertThat(took).as(config + " seed " + seed + " " + ring + ": no synchronize_rcu").isLessThan(3 * jiffy + 500_000L);
                        }
                        freed++;
                    }
                }
                assertThat(freed).as(config + " seed " + seed).isEqualTo(2);
                // the files go after the rings' free; the last EBUSY is at most one retry (~0.25 ms) before
                long firstRelease = released.values().stream().mapToLong(Long::longValue).min().getAsLong();
                assertThat(r.windowNs()).as(config + " seed " + seed)
                        .isGreaterThan(firstRelease + (defer ? 2 : 1) * jiffy - 500_000L - r.waitReturnedNs());
            }
        }
    }

    /** exit_mm's extra cost falls once per process (the mm's last user), not once per thread. */
    @Test
    void monteCarlo_exitMmLastUser_addsOncePerProcess() {
        TimedParams base = TimedParams.defaults().with(TimedParam.TASK_STEP_US, 1).with(TimedParam.CPUS, 0);
        for (int jobs : new int[] {1, 6}) {
            ModelFactory f = retrying(SEED.withSize(jobs, 1));
            double fast = MonteCarlo.at(f, base.with(TimedParam.EXIT_MM_LAST_US, 0), 0, 30, 1).killToWaitMedian();
            double withMm = MonteCarlo.at(f, base.with(TimedParam.EXIT_MM_LAST_US, 3000), 0, 30, 1).killToWaitMedian();
            assertThat(withMm - fast).as(jobs + " jobs").isBetween(1.0, 8.0);
        }
    }

    @Test
    void monteCarlo_delayLongerThanAnyWindow_neverBusy() {
        ModelFactory f = retrying(SEED.withSize(4, 2));
        TimedParams p = TimedParams.defaults().with(TimedParam.IO_BUFFERED_US, 100);
        assertThat(MonteCarlo.at(f, p, 0, 40, 3).busy()).isPositive();
        assertThat(MonteCarlo.at(f, p, 500, 40, 3).busy()).isZero();
    }

    @Test
    void monteCarlo_sameSeed_samePoint() {
        ModelFactory f = retrying(SEED.withSize(3, 2));
        MonteCarlo.Point a = MonteCarlo.at(f, TimedParams.defaults(), 1, 30, 5);
        MonteCarlo.Point b = MonteCarlo.at(f, TimedParams.defaults(), 1, 30, 5);
        assertThat(a.busy()).isEqualTo(b.busy());
        assertThat(a.windowsMs()).isEqualTo(b.windowsMs());
    }
}
