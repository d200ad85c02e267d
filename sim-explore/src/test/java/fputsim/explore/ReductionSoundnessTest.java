package fputsim.explore;

import fputsim.explore.Scripted.Op;
import fputsim.explore.strategy.ExhaustiveStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Sleep sets must not lose an end state or a deadlock: reduced and full search agree. */
class ReductionSoundnessTest {
    @Test
    void explore_randomScriptsWithLocks_reducedSearchReachesEveryEndState() {
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<List<Op>> scripts = new ArrayList<>();
            int actors = 2 + r.nextInt(2);
            for (int a = 0; a < actors; a++) {
                List<Op> ops = new ArrayList<>();
                int n = 1 + r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    int v = r.nextInt(3);
                    switch (r.nextInt(4)) {
                        case 0 -> ops.add(Op.read(v));
                        case 1 -> ops.add(Op.inc(v));
                        case 2 -> { ops.add(Op.lock(3)); ops.add(Op.inc(v)); ops.add(Op.unlock(3)); }
                        default -> ops.add(Op.set(v, a + 1));
                    }
                }
                scripts.add(ops);
            }
            List<String> ends = new ArrayList<>();
            Property<Scripted> record = Scripted.property("Record", "x", (p, m) -> {
                if (m != Moment.AFTER_STEP) {
                    ends.add(m + p.fingerprint());
                }
                return true;
            });
            ProgramFactory<Scripted> f = Scripted.factory("s" + round, 4, scripts, List.of(record));
            Explorer.quiet().explore(f, new ExhaustiveStrategy(false, -1), Bounds.defaults());
            Set<String> full = new TreeSet<>(ends);
            ends.clear();
            Explorer.quiet().explore(f, new ExhaustiveStrategy(true, -1), Bounds.defaults());
            Set<String> reduced = new TreeSet<>(ends);
            assertThat(reduced).as("round %d: %s", round, scripts).isEqualTo(full);
        }
    }
}
