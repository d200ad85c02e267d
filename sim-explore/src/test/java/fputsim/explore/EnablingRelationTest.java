package fputsim.explore;

import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.OptimalStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimal DPOR's happens-before must include the enabling relation: a step that makes another
 * actor's next step enabled comes before that step, and so does everything before it. Here
 * actor P reads x, then raises a flag that wakes actor Q; Q's woken step writes x and declares no
 * conflict with the flag (its wait condition is read by {@code status()}, outside any step's
 * footprint); R writes x once. The race of P's read with Q's write cannot be reversed (Q needs P's
 * second step); a search that reverses it anyway runs a wakeup sequence whose step is not enabled
 * ({@link OptimalStrategy#infeasible()}).
 */
class EnablingRelationTest {
    static final class Wake implements Program {
        int x;
        boolean flag;
        int seen = -1;
        final List<Actor> actors = new ArrayList<>();

        Wake() {
            actors.add(new Script("p", 2) {
                @Override
                void run(int pc, StepContext cx) {
                    if (pc == 0) {
                        cx.reads("x");
                        seen = x;
                    } else {
                        flag = true; // touches nothing another step declares
                    }
                }
            });
            actors.add(new Script("q", 1) {
                @Override
                boolean ready() {
                    return flag;
                }

                @Override
                void run(int pc, StepContext cx) {
                    cx.writes("x");
                    x = 1;
                }
            });
            actors.add(new Script("r", 1) {
                @Override
                void run(int pc, StepContext cx) {
                    cx.writes("x");
                    x = 2;
                }
            });
        }

        @Override
        public List<? extends Actor> actors() {
            return actors;
        }

        @Override
        public String fingerprint() {
            return "x=" + x + ",seen=" + seen;
        }
    }

    abstract static class Script implements Actor {
        final String name;
        final int steps;
        int pc;

        Script(String name, int steps) {
            this.name = name;
            this.steps = steps;
        }

        boolean ready() {
            return true;
        }

        abstract void run(int pc, StepContext cx);

        @Override
        public String name() {
            return name;
        }

        @Override
        public Status status() {
            return pc >= steps ? Status.FINISHED : ready() ? Status.ENABLED : Status.BLOCKED;
        }

        @Override
        public void step(StepContext cx) {
            run(pc++, cx);
        }
    }

    private static ProgramFactory<Wake> factory(List<String> ends) {
        Property<Wake> record = new Property<>() {
            @Override public String name() { return "Record"; }
            @Override public String outcome() { return "x"; }
            @Override public String description() { return "records end states"; }
            @Override public boolean holds(Wake p, Moment m) {
                if (m != Moment.AFTER_STEP) {
                    ends.add(p.fingerprint());
                }
                return true;
            }
        };
        return new ProgramFactory<>() {
            @Override public String version() { return "test-1"; }
            @Override public String id() { return "wake"; }
            @Override public Wake create() { return new Wake(); }
            @Override public List<Property<? super Wake>> properties() { return List.of(record); }
        };
    }

    @Test
    void aWakeWithoutAFootprintConflictIsAnEnablingRelation() {
        List<String> ends = new ArrayList<>();
        Exploration full = Explorer.quiet().explore(factory(ends), new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.NONE, -1), Bounds.defaults());
        Set<String> fullEnds = new TreeSet<>(ends);
        ends.clear();
        Exploration sleep = Explorer.quiet().explore(factory(ends), new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1), Bounds.defaults());
        Set<String> sleepEnds = new TreeSet<>(ends);
        ends.clear();
        OptimalStrategy s = new OptimalStrategy();
        Exploration opt = Explorer.quiet().explore(factory(ends), s, Bounds.defaults());
        Set<String> optEnds = new TreeSet<>(ends);

        // r before p's read, between it and q's write, after q's write: three traces, three end states
        assertThat(fullEnds).containsExactly("x=1,seen=0", "x=1,seen=2", "x=2,seen=0");
        assertThat(sleepEnds).isEqualTo(fullEnds);
        assertThat(optEnds).isEqualTo(fullEnds);
        assertThat(s.infeasible()).as("wakeup steps not enabled").isZero();
        assertThat(s.blocked()).as("schedules blocked by sleep sets").isZero();
        assertThat(opt.stats().pruned()).isZero();
        assertThat(opt.stats().schedules()).isEqualTo(3);
        assertThat(opt.stats().schedules()).isEqualTo(sleep.stats().schedules());
    }
}
