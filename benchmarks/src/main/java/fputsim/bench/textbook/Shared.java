package fputsim.bench.textbook;

import fputsim.explore.Actor;
import fputsim.explore.Program;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Property;
import fputsim.explore.Status;
import fputsim.explore.StepContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The textbook program for reduction benchmarks: each actor runs a fixed script of reads and
 * non-atomic increments of shared integer variables, one operation per step. Its traces can be
 * counted without the explorer ({@link Traces}), which is what makes it a yardstick.
 */
public final class Shared implements Program {
    /** One operation: read variable {@code var}, or write register + 1 to it. */
    public record Op(boolean write, int var) {
        public static Op read(int v) {
            return new Op(false, v);
        }

        public static Op inc(int v) {
            return new Op(true, v);
        }

        /** Dependent: same variable, and at least one writes. */
        public boolean dependsOn(Op o) {
            return var == o.var && (write || o.write);
        }

        @Override
        public String toString() {
            return (write ? "inc" : "read") + var;
        }
    }

    private final int[] vars;
    private final List<Worker> actors = new ArrayList<>();

    Shared(int nvars, List<List<Op>> scripts) {
        vars = new int[nvars];
        for (int i = 0; i < scripts.size(); i++) {
            actors.add(new Worker(i, scripts.get(i)));
        }
    }

    @Override
    public List<Worker> actors() {
        return actors;
    }

    @Override
    public String fingerprint() {
        return Arrays.toString(vars);
    }

    final class Worker implements Actor {
        private final int id;
        private final List<Op> ops;
        private int pc;
        private int register;

        Worker(int id, List<Op> ops) {
            this.id = id;
            this.ops = ops;
        }

        @Override
        public String name() {
            return "t" + id;
        }

        @Override
        public Status status() {
            return pc < ops.size() ? Status.ENABLED : Status.FINISHED;
        }

        @Override
        public void step(StepContext cx) {
            Op op = ops.get(pc++);
            String key = "v" + op.var();
            if (op.write()) {
                cx.writes(key);
                vars[op.var()] = register + 1;
            } else {
                cx.reads(key);
                register = vars[op.var()];
            }
        }
    }

    /** A factory of fresh instances, with no properties (reduction benchmarks count schedules only). */
    public static ProgramFactory<Shared> factory(String id, List<List<Op>> scripts) {
        int nvars = 1;
        for (List<Op> s : scripts) {
            for (Op op : s) {
                nvars = Math.max(nvars, op.var() + 1);
            }
        }
        int n = nvars;
        return new ProgramFactory<>() {
            @Override
            public String version() {
                return "textbook-1";
            }

            @Override
            public String id() {
                return id;
            }

            @Override
            public Shared create() {
                return new Shared(n, scripts);
            }

            @Override
            public List<Property<? super Shared>> properties() {
                return List.of();
            }
        };
    }
}
