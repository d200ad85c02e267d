package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split search by work stealing on 1, 2 and 4 workers, each run repeated: the same counts,
 * end states, verdicts and counterexamples every time (whatever the thread timing), the same
 * complete schedules, end states and violating counts as the sequential optimal search, and,
 * stopping at the first violation, the same first counterexample as one worker.
 */
class ParallelSearchTest {
    static final Property<Scripted> ODD = SplitSearchTest.ODD;
    static final int[] WORKERS = {1, 2, 4};
    static final int REPEATS = 3;

    @Test
    void explore_oneTwoFourWorkersRepeated_sameResultEveryTime() {
        Random r = new Random(15);
        for (int round = 0; round < 25; round++) {
            List<List<Op>> scripts = OptimalStrategyTest.randomScripts(r, 3, new int[]{0, 1, 2, 3, 4, 5});
            ProgramFactory<Scripted> f = Scripted.factory("par" + round, 5, scripts, List.of(ODD));
            Exploration seq = Explorer.quiet().explore(f, new OptimalStrategy(), Bounds.defaults());
            String one = null;
            for (int rep = 0; rep < REPEATS; rep++) {
                for (int w : WORKERS) {
                    SplitSearch.Result res = run(f, w, Bounds.defaults());
                    Exploration x = res.exploration();
                    String d = Explorations.describe(x);
                    if (one == null) {
                        one = d;
                    }
                    assertThat(d).as("%d workers, repeat %d, %s", w, rep, scripts).isEqualTo(one);
                    assertThat(x.exhausted()).isTrue();
                    assertThat(x.stats().schedules()).as("complete schedules as sequential, %s", scripts).isEqualTo(seq.stats().schedules());
                    assertThat(x.stats().distinctEndStates()).isEqualTo(seq.stats().distinctEndStates());
                    assertThat(x.tally("Odd").verdict()).isEqualTo(seq.tally("Odd").verdict());
                    assertThat(x.tally("Odd").violating()).isEqualTo(seq.tally("Odd").violating());
                    assertShares(res, x);
                }
            }
        }
    }

    @Test
    void explore_stopOnViolation_sameFirstCounterexampleAsOneWorker() {
        Random r = new Random(16);
        int violated = 0;
        for (int round = 0; round < 25; round++) {
            List<List<Op>> scripts = OptimalStrategyTest.randomScripts(r, 3, new int[]{0, 1, 2, 3, 4, 5});
            ProgramFactory<Scripted> f = Scripted.factory("stop" + round, 5, scripts, List.of(ODD));
            Bounds stop = Bounds.defaults().withStopOnViolation(true);
            Exploration all = run(f, 1, Bounds.defaults()).exploration();
            String one = null;
            for (int rep = 0; rep < REPEATS; rep++) {
                for (int w : WORKERS) {
                    Exploration x = run(f, w, stop).exploration();
                    String d = Explorations.describe(x) + " " + x.stopped();
                    if (one == null) {
                        one = d;
                    }
                    assertThat(d).as("%d workers, repeat %d, %s", w, rep, scripts).isEqualTo(one);
                    Tally t = x.tally("Odd");
                    if (all.tally("Odd").violating() > 0) {
                        // the first violating schedule of the whole search, in prefix order
                        assertThat(t.violating()).isEqualTo(1);
                        assertThat(Arrays.toString(t.first().decisions())).isEqualTo(Arrays.toString(all.tally("Odd").first().decisions()));
                        assertThat(x.stats().schedules()).isEqualTo(all.tally("Odd").firstAfterSchedules());
                        assertThat(x.stopped()).isEqualTo("violation");
                    } else {
                        assertThat(x.exhausted()).isTrue();
                    }
                }
            }
            violated += all.tally("Odd").violating() > 0 ? 1 : 0;
        }
        assertThat(violated).as("programs with a violation among the 25").isBetween(5, 20);
    }

    @Test
    void explore_partsPausedAndResumedInOtherWorkers_sameResult() {
        Random r = new Random(17);
        int paused = 0;
        for (int round = 0; round < 20; round++) {
            List<List<Op>> scripts = OptimalStrategyTest.randomScripts(r, 3, new int[]{0, 1, 2, 3, 4, 5});
            ProgramFactory<Scripted> f = Scripted.factory("pause" + round, 5, scripts, List.of(ODD));
            for (Bounds b : List.of(Bounds.defaults(), Bounds.defaults().withStopOnViolation(true))) {
                String whole = Explorations.describe(pilot(f, 1, b, Long.MAX_VALUE).exploration());
                for (long pilot : new long[]{1, 2, 5}) {
                    for (int w : WORKERS) {
                        SplitSearch.Result res = pilot(f, w, b, pilot);
                        assertThat(Explorations.describe(res.exploration())).as("pilot %d, %d workers, %s, %s", pilot, w, b, scripts)
                                .isEqualTo(whole);
                        if (!b.stopOnViolation()) {
                            assertShares(res, res.exploration());
                        }
                    }
                }
                paused += pilot(f, 1, b, 1).exploration().stats().schedules() > pilot(f, 1, b, 1).prefixes().size() ? 1 : 0;
            }
        }
        assertThat(paused).as("runs with a part paused after its first schedule").isPositive();
    }

    static SplitSearch.Result pilot(ProgramFactory<Scripted> f, int workers, Bounds b, long pilot) {
        return SplitSearch.explore(f, b, workers, 0, 1, 8, () -> 0L, () -> 0L, () -> false, x -> { }, 1000, pilot);
    }

    @Test
    void explore_workerShares_addUpToTheParts() {
        List<List<Op>> s = List.of(List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)),
                List.of(Op.update(1), Op.read(1)));
        ProgramFactory<Scripted> f = Scripted.factory("inc3", 2, s, List.of(ODD));
        long[] ticks = new long[1];
        SplitSearch.Result res = SplitSearch.explore(f, Bounds.defaults(), 4, 0, 1, 8, () -> 0L, () -> {
            synchronized (ticks) {
                return ++ticks[0];
            }
        }, () -> false, x -> { }, 1000);
        assertThat(res.workers()).hasSize(Math.min(4, res.prefixes().size()));
        assertShares(res, res.exploration());
        assertThat(res.workers()).allSatisfy(w -> assertThat(w.clockNanos()).isPositive());
    }

    /** Every part searched once, by one worker: the workers' parts and schedules add up to the whole. */
    static void assertShares(SplitSearch.Result res, Exploration x) {
        int parts = 0;
        long schedules = 0;
        long pruned = 0;
        int stolen = 0;
        for (SplitSearch.WorkerStats w : res.workers()) {
            parts += w.parts();
            schedules += w.schedules();
            pruned += w.pruned();
            stolen += w.stolen();
        }
        assertThat(parts).isEqualTo(res.prefixes().size());
        assertThat(stolen).isLessThanOrEqualTo(2 * parts); // at most one steal per part and round
        assertThat(schedules).isEqualTo(x.stats().schedules());
        assertThat(pruned).isEqualTo(x.stats().pruned());
    }

    static SplitSearch.Result run(ProgramFactory<Scripted> f, int workers, Bounds b) {
        return SplitSearch.explore(f, b, workers, 0, 1, 8, () -> 0L, () -> false, x -> { }, 1000);
    }
}
