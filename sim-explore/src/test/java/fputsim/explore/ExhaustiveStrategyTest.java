package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.ExhaustiveStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ExhaustiveStrategyTest {
    static final Property<Scripted> NO_LOST_UPDATE = Scripted.property("NoLostUpdate", "lost-update",
            (p, m) -> m != Moment.QUIESCENT || p.vars[0] == p.actors.size());

    static ProgramFactory<Scripted> increments(int actors) {
        List<List<Op>> scripts = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            scripts.add(List.of(Op.read(0), Op.inc(0)));
        }
        return Scripted.factory("inc" + actors, 1, scripts, List.of(NO_LOST_UPDATE));
    }

    @Test
    void explore_twoNonAtomicIncrementsWithoutReduction_findsLostUpdateInBinomialManySchedules() {
        Exploration x = Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(false, -1), Bounds.defaults());
        assertThat(x.exhausted()).isTrue();
        assertThat(x.stats().schedules()).isEqualTo(6); // C(4,2)
        Tally t = x.tally("NoLostUpdate");
        assertThat(t.violating()).isEqualTo(4); // both reads before both writes
        assertThat(t.verdict()).isEqualTo(Verdict.Sometimes);
        assertThat(t.observation()).isEqualTo("Observation lost-update Sometimes 4 2");
    }

    @Test
    void explore_twoNonAtomicIncrementsWithSleepSets_explorestheFourTraces() {
        Exploration x = Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(true, -1), Bounds.defaults());
        assertThat(x.stats().schedules()).isEqualTo(Traces.traces(List.of(List.of(Op.read(0), Op.inc(0)), List.of(Op.read(0), Op.inc(0)))));
        assertThat(x.stats().schedules()).isEqualTo(4);
        assertThat(x.tally("NoLostUpdate").violating()).isEqualTo(2);
    }

    @Test
    void explore_randomScriptsWithSleepSets_schedulesEqualMazurkiewiczTraces() {
        Random r = new Random(7);
        for (int round = 0; round < 25; round++) {
            List<List<Op>> scripts = new ArrayList<>();
            int actors = 2 + r.nextInt(2);
            for (int a = 0; a < actors; a++) {
                List<Op> ops = new ArrayList<>();
                int n = 1 + r.nextInt(3);
                for (int k = 0; k < n; k++) {
                    int v = r.nextInt(3);
                    ops.add(r.nextBoolean() ? Op.read(v) : Op.inc(v));
                }
                scripts.add(ops);
            }
            ProgramFactory<Scripted> f = Scripted.factory("r" + round, 3, scripts, List.of());
            long full = Explorer.quiet().explore(f, new ExhaustiveStrategy(false, -1), Bounds.defaults()).stats().schedules();
            long reduced = Explorer.quiet().explore(f, new ExhaustiveStrategy(true, -1), Bounds.defaults()).stats().schedules();
            assertThat(full).as("interleavings of %s", scripts).isEqualTo(Traces.interleavings(scripts));
            assertThat(reduced).as("traces of %s", scripts).isEqualTo(Traces.traces(scripts));
        }
    }

    @Test
    void explore_preemptionBoundZero_missesLostUpdateThatBoundOneFinds() {
        Exploration pb0 = Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(true, 0), Bounds.defaults());
        Exploration pb1 = Explorer.quiet().explore(increments(2), new ExhaustiveStrategy(true, 1), Bounds.defaults());
        assertThat(pb0.tally("NoLostUpdate").verdict()).isEqualTo(Verdict.Never);
        assertThat(pb0.stats().schedules()).isEqualTo(2); // t0 then t1, t1 then t0
        assertThat(pb1.tally("NoLostUpdate").verdict()).isEqualTo(Verdict.Sometimes);
        assertThat(pb1.tally("NoLostUpdate").shortest().preemptions()).isEqualTo(1);
    }

    @Test
    void explore_twoLocksTakenInOppositeOrder_reportsTheNamedDeadlock() {
        Property<Scripted> noDeadlock = Scripted.property("NoDeadlock", "deadlock", (p, m) -> m != Moment.DEADLOCK);
        ProgramFactory<Scripted> f = Scripted.factory("locks", 2, List.of(
                List.of(Op.lock(0), Op.lock(1), Op.unlock(1), Op.unlock(0)),
                List.of(Op.lock(1), Op.lock(0), Op.unlock(0), Op.unlock(1))), List.of(noDeadlock));
        Exploration x = Explorer.quiet().explore(f, new ExhaustiveStrategy(true, -1), Bounds.defaults());
        Tally t = x.tally("NoDeadlock");
        assertThat(t.verdict()).isEqualTo(Verdict.Sometimes);
        assertThat(t.first().ending()).isEqualTo(Ending.DEADLOCK);
        assertThat(t.first().violations().get(0).name()).isEqualTo("NoDeadlock");
        assertThat(t.first().steps()).isEqualTo(2);
    }

    @Test
    void explore_stopRequested_returnsPartialStatistics() {
        int[] calls = {0};
        Explorer e = new Explorer(() -> 0L, () -> calls[0]++ >= 3, s -> { }, 1);
        Exploration x = e.explore(increments(3), new ExhaustiveStrategy(false, -1), Bounds.defaults());
        assertThat(x.stopped()).isEqualTo("stopped");
        assertThat(x.exhausted()).isFalse();
        assertThat(x.stats().schedules()).isEqualTo(3);
    }

    @Test
    void explore_progressCallback_seesGrowingCounts() {
        List<Long> seen = new ArrayList<>();
        Explorer e = new Explorer(() -> 0L, () -> false, s -> seen.add(s.schedules()), 10);
        e.explore(increments(3), new ExhaustiveStrategy(false, -1), Bounds.defaults());
        assertThat(seen).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
    }
}
