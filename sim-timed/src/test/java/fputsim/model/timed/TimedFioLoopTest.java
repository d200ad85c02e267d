package fputsim.model.timed;

import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 finding 6 in the timed model: with fio's loop on ({@code fioLoop}, fio-3.33
 * engines/io_uring.c fio_ioring_getevents / fio_ioring_commit) and the harness's kill at a random
 * time of the loop ({@link TimedParam#KILL_WINDOW_US}), a kill can find a ring with fewer than
 * iodepth requests in flight, down to none, and an iteration with none in flight (plain files) is
 * not busy: the data file's last reference is the exit's own ____fput (exit_task_work, before
 * exit_notify), so wait returns with the mount free.
 */
class TimedFioLoopTest {
    static final long LIMIT = TimedDriverTest.LIMIT;

    /** Requests in flight (issued, not yet run by a handler) at the kill, per the trace. */
    static int inFlightAtKill(TimedRun r, int requests) {
        Map<String, Boolean> inFlight = new HashMap<>();
        for (TraceEntry e : r.kernel().trace) {
            if (e.event() instanceof Event.SignalDelivered) {
                int done = 0;
                for (boolean b : inFlight.values()) {
                    done += b ? 0 : 1;
                }
                return requests - done;
            }
            if (e.event() instanceof Event.RequestCompleted c) {
                inFlight.put(c.ring() + "." + c.req(), false);
            } else if (e.event() instanceof Event.Step s && s.function().startsWith("io_submit_sqes: io_issue_sqe(req ")) {
                String req = s.function().substring("io_submit_sqes: io_issue_sqe(req ".length(), s.function().indexOf(')'));
                inFlight.put(req, true);
            }
        }
        throw new AssertionError("no kill in the run");
    }

    static ModelFactory loop(String config) {
        return TimedDriverTest.retrying(ScenarioConfig.parse(config));
    }

    @Test
    void loopOn_killInTheWindow_findsRingsBelowIodepth_andAnEmptyRingIsNotBusy() {
        TimedParams p = TimedParams.defaults().with(TimedParam.KILL_WINDOW_US, 20_000);
        ModelFactory f = loop("jobs=1,iodepth=1,fioLoop=256");
        int empty = 0;
        int emptyBusy = 0;
        for (long seed = 1; seed <= 200; seed++) {
            TimedRun r = new TimedDriver(p, LIMIT).run(f, seed);
            assertThat(r.killNs()).as("the kill comes within the window").isBetween(0L, 20_100_000L);
            if (inFlightAtKill(r, 1) == 0) {
                empty++;
                emptyBusy += r.busy() ? 1 : 0;
            }
        }
        assertThat(empty).as("kills that found the ring empty").isPositive();
        assertThat(emptyBusy).as("of those, busy").isZero();
    }

    /** Without the loop (and the window) every kill finds every request in flight, as before. */
    @Test
    void loopOff_everyKillFindsEveryRequestInFlight() {
        ModelFactory f = loop("jobs=2,iodepth=2");
        for (long seed = 1; seed <= 50; seed++) {
            assertThat(inFlightAtKill(new TimedDriver(TimedParams.defaults(), LIMIT).run(f, seed), 4)).isEqualTo(4);
        }
    }

    /** The loop's rounds cover the window: no job has run out of rounds when the kill comes (it would wait with its completions unrun). */
    @Test
    void loopOn_roundsCoverTheWindow() {
        TimedParams p = TimedParams.defaults().with(TimedParam.KILL_WINDOW_US, 20_000);
        ModelFactory f = loop("jobs=2,iodepth=2,fioLoop=256");
        for (long seed = 1; seed <= 20; seed++) {
            TimedRun r = new TimedDriver(p, LIMIT).run(f, seed);
            int maxRound = 0;
            for (TraceEntry e : r.kernel().trace) {
                if (e.event() instanceof Event.SignalDelivered) {
                    break;
                }
                if (e.event() instanceof Event.Step s && s.function().startsWith("io_cqring_wait: woken by a completion (round ")) {
                    String n = s.function().substring("io_cqring_wait: woken by a completion (round ".length(), s.function().length() - 1);
                    maxRound = Math.max(maxRound, Integer.parseInt(n));
                }
            }
            assertThat(maxRound).as("rounds before the kill, seed " + seed).isPositive().isLessThan(256);
        }
    }

    /** A timed run with the loop is a schedule the untimed explorer allows (re-armed completions included): strict replay gives the same trace. */
    @Test
    void loopOn_timedRunReplayedUntimed_sameTrace() {
        TimedParams p = TimedParams.defaults().with(TimedParam.KILL_WINDOW_US, 5_000);
        ModelFactory f = loop("jobs=2,iodepth=2,defer=0,fioLoop=32");
        for (long seed = 1; seed <= 3; seed++) {
            TimedRun r = new TimedDriver(p, LIMIT).run(f, seed);
            fputsim.explore.Replay.Replayed<fputsim.model.Kernel> u = fputsim.explore.Replay.run(f, fputsim.explore.ReplayToken.decode(r.token().encode()));
            assertThat(u.program().trace).as("seed " + seed).isEqualTo(r.kernel().trace);
            assertThat(u.program().umountResults()).isEqualTo(r.kernel().umountResults());
        }
    }

    /** Variant check: the same on exit-cancel-2026 runs (the loop is the scenario's, not the variant's). */
    @Test
    void loopOn_otherVariant_runs() {
        TimedParams p = TimedParams.defaults().with(TimedParam.KILL_WINDOW_US, 5_000);
        ModelFactory f = new ModelFactory(new fputsim.model.scenario.Scenario03RetryingUmount(),
                ScenarioConfig.parse("jobs=2,iodepth=2,fioLoop=64"), Variants.find("exit-cancel-2026"));
        TimedRun r = new TimedDriver(p, LIMIT).run(f, 1);
        assertThat(r.busy()).isFalse();
        assertThat(r.waitReturnedNs()).isPositive();
    }
}
