package fputsim.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The textbook program of the explorer's tests and of the reduction benchmarks (which get it through this
 * module's test jar): each actor runs a fixed list of operations on shared integer variables; every
 * operation is one step. Operations: read a variable into the actor's register, write register+1, lock and
 * unlock (a lock is a variable, 0 free, else holder+1), set a value, write one variable only when another is 0. Its traces can be counted without the
 * explorer from {@link Op#dependsOn}, which is what makes it a yardstick (not with COND, whose footprint depends on a value it reads).
 */
public final class Scripted implements Program {
    public enum Kind { READ, WRITE_INC, LOCK, UNLOCK, SET, UPDATE, AWAIT, CHOOSE, PICK, COND, LOCAL }

    /** One operation on variable {@code var} ({@code value}: what SET writes). */
    public record Op(Kind kind, int var, int value) {
        public static Op read(int v) { return new Op(Kind.READ, v, 0); }
        public static Op inc(int v) { return new Op(Kind.WRITE_INC, v, 0); }
        public static Op lock(int v) { return new Op(Kind.LOCK, v, 0); }
        public static Op unlock(int v) { return new Op(Kind.UNLOCK, v, 0); }
        public static Op set(int v, int value) { return new Op(Kind.SET, v, value); }
        public static Op update(int v) { return new Op(Kind.UPDATE, v, 0); }
        public static Op await(int v) { return new Op(Kind.AWAIT, v, 0); }
        /** Sets variable v or variable value (by a data choice) to the actor's id + 1. */
        public static Op choose(int v, int other) { return new Op(Kind.CHOOSE, v, other); }
        public static Op pick(int v) { return new Op(Kind.PICK, v, 0); }
        /**
         * Reads variable v and, only when it is 0, sets variable {@code other} to the actor's id + 1
         * in the same step: a footprint that depends on a value the step reads (as most of the
         * kernel model's steps do: exit_files reads the fd table only when its put was the last).
         */
        public static Op cond(int v, int other) { return new Op(Kind.COND, v, other); }
        /**
         * A step of the actor's own: it touches no variable, only its register (doubled, plus
         * one), which a later WRITE_INC writes out; the local-step rule's case.
         */
        public static Op local() { return new Op(Kind.LOCAL, 0, 0); }

        /** Dependent: same variable, and at least one does more than read (a LOCAL step touches none). */
        public boolean dependsOn(Op o) {
            return kind != Kind.LOCAL && o.kind != Kind.LOCAL && var == o.var && (kind != Kind.READ || o.kind != Kind.READ);
        }
    }

    final int[] vars;
    final List<Worker> actors = new ArrayList<>();
    /** A record of the steps for the replay tests: no step reads it, so it is not state ({@link StateHash}). */
    final transient List<String> log = new ArrayList<>();

    Scripted(int nvars, List<List<Op>> scripts) {
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
        final int id;
        final List<Op> ops;
        int pc;
        int register;

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
            if (pc >= ops.size()) {
                return Status.FINISHED;
            }
            Op op = ops.get(pc);
            if (op.kind() == Kind.LOCK && vars[op.var()] != 0 || op.kind() == Kind.AWAIT && vars[op.var()] == 0) {
                return Status.BLOCKED;
            }
            return Status.ENABLED;
        }

        @Override
        public void step(StepContext cx) {
            Op op = ops.get(pc++);
            Integer key = op.var();
            switch (op.kind()) {
                case READ -> { cx.reads(key); register = vars[op.var()]; }
                case WRITE_INC -> { cx.writes(key); vars[op.var()] = register + 1; }
                case LOCK -> { cx.writes(key); vars[op.var()] = id + 1; }
                case UNLOCK -> { cx.writes(key); vars[op.var()] = 0; }
                case SET -> { cx.writes(key); vars[op.var()] = op.value(); }
                case UPDATE -> { cx.updates(key); vars[op.var()]++; }
                case AWAIT -> cx.reads(key);
                case LOCAL -> register = register * 2 + 1;
                case CHOOSE -> {
                    int target = cx.choose(2) == 0 ? op.var() : op.value();
                    cx.writes((Integer) target);
                    vars[target] = id + 1;
                }
                case PICK -> { cx.reads(key); register = cx.choose(2 + vars[op.var()] % 2); }
                case COND -> {
                    cx.reads(key);
                    if (vars[op.var()] == 0) {
                        cx.writes((Integer) op.value());
                        vars[op.value()] = id + 1;
                    }
                }
            }
            log.add(name() + ":" + op.kind() + op.var() + "=" + vars[op.var()]);
        }
    }

    /** A factory of fresh instances with {@code nvars} variables. */
    public static ProgramFactory<Scripted> factory(String id, int nvars, List<List<Op>> scripts,
                                                   List<Property<? super Scripted>> properties) {
        return new ProgramFactory<>() {
            @Override public String version() { return "test-1"; }
            @Override public String id() { return id; }
            @Override public Scripted create() { return new Scripted(nvars, scripts); }
            @Override public List<Property<? super Scripted>> properties() { return properties; }
            /** Only COND's footprint depends on a value read (CHOOSE's on a data choice, which is the schedule's). */
            @Override public boolean footprintsDependOnValues() {
                return scripts.stream().flatMap(List::stream).anyMatch(op -> op.kind() == Kind.COND);
            }
        };
    }

    /** As {@link #factory(String, int, List, List)}, with as many variables as the scripts name and no property. */
    public static ProgramFactory<Scripted> factory(String id, List<List<Op>> scripts) {
        int nvars = 1;
        for (List<Op> s : scripts) {
            for (Op op : s) {
                nvars = Math.max(nvars, op.var() + 1);
            }
        }
        return factory(id, nvars, scripts, List.of());
    }

    static Property<Scripted> property(String name, String outcome, BiPredicate<Scripted, Moment> holds) {
        return new Property<>() {
            @Override public String name() { return name; }
            @Override public String outcome() { return outcome; }
            @Override public String description() { return name; }
            @Override public boolean holds(Scripted p, Moment m) { return holds.test(p, m); }
        };
    }
}
