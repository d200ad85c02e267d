package fputsim.model;

import fputsim.explore.Actor;
import fputsim.explore.Bounds;
import fputsim.explore.Explorer;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Property;
import fputsim.explore.Moment;
import fputsim.explore.StateHash;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Actor.status()} is a function of the state that changes nothing (its contract in
 * sim-explore): the explorer asks every actor before each step of a run but a probe asks only the
 * actor it steps, so a status that did work when asked would make probes and runs disagree. Here,
 * at the first 400 states the search steps into (in every scenario and variant at small sizes), the
 * state's fingerprint (the whole tracked object graph, {@link StateHash}) is the same before and
 * after asking every actor's status, twice.
 */
class StatusReadsOnlyTest {
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", null}, {"05", null}, {"06", null}, {"07", null}, {"08", null}, {"09", null},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=2,fioLoop=1"}, {"03", "jobs=1,iodepth=1,sqpoll=1,defer=0"},
            {"03", "jobs=1,iodepth=1,iowq=1"}, {"03", "jobs=1,iodepth=1,engine=psync"},
    };

    /** States checked per case and variant (the first ones the search reaches: fingerprints cost). */
    static final long PER_CASE = 400;

    @Test
    void status_ofEveryActorAtEveryExploredState_changesNoTrackedState() {
        List<String> changed = new ArrayList<>();
        long[] states = {0};
        for (String[] c : CASES) {
            for (String v : Variants.names()) {
                ModelFactory f = FootprintAuditTest.factory(c[0], c[1], v);
                String at = c[0] + " " + c[1] + " " + v;
                long[] mine = {0};
                Explorer.quiet().explore(wrap(f, k -> {
                    if (mine[0]++ >= PER_CASE) {
                        return;
                    }
                    long[] before = StateHash.of(k);
                    for (int round = 0; round < 2; round++) {
                        for (Actor a : k.actors()) {
                            a.status();
                        }
                    }
                    states[0]++;
                    if (!Arrays.equals(before, StateHash.of(k)) && changed.size() < 10) {
                        changed.add(at);
                    }
                }), new OptimalStrategy(), Bounds.defaults());
            }
        }
        assertThat(changed).as("cases where asking a status changed the state").isEmpty();
        assertThat(states[0]).isGreaterThan(1000);
    }

    interface Check {
        void at(Kernel k);
    }

    /** The factory with one more property, which runs the check after every step and returns true. */
    static ProgramFactory<Kernel> wrap(ModelFactory f, Check check) {
        return StatefulSearchModelTest.withProperty(f, new Property<>() {
            @Override public String name() { return "StatusReadsOnly"; }
            @Override public String outcome() { return "status-reads-only"; }
            @Override public String description() { return "asking every actor's status changes no state"; }
            @Override public boolean holds(Kernel k, Moment m) {
                check.at(k);
                return true;
            }
        });
    }
}
