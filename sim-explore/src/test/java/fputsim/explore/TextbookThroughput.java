package fputsim.explore;


import fputsim.explore.strategy.*;
import java.util.*;
/**
 * A repeatable throughput measurement on a textbook model (not a test; run it by hand):
 * {@code java -cp sim-explore/target/classes:sim-explore/target/test-classes fputsim.explore.TextbookThroughput 3 3}.
 * Textbook throughput: N actors, each doing K non-atomic increments (read, write) of one shared counter plus private work. */
public final class TextbookThroughput {
    static final class P implements Program {
        final int[] shared = new int[1];
        final List<Actor> actors = new ArrayList<>();
        P(int n, int k) {
            for (int i = 0; i < n; i++) {
                final int id = i;
                actors.add(new Actor() {
                    int pc, reg, priv;
                    public String name() { return "t" + id; }
                    public Status status() { return pc < 2 * k ? Status.ENABLED : Status.FINISHED; }
                    public void step(StepContext cx) {
                        if (pc % 2 == 0) { cx.reads("x"); reg = shared[0]; } else { cx.writes("x"); shared[0] = reg + 1; }
                        pc++;
                    }
                });
            }
        }
        public List<? extends Actor> actors() { return actors; }
        public String fingerprint() { return Integer.toString(shared[0]); }
    }
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        ProgramFactory<P> f = new ProgramFactory<>() {
            public String version() { return "tb"; }
            public String id() { return "inc" + n + "x" + k; }
            public P create() { return new P(n, k); }
            public List<Property<? super P>> properties() { return List.of(); }
        };
        for (ExhaustiveStrategy.Reduction r : ExhaustiveStrategy.Reduction.values()) {
            for (int rep = 0; rep < 3; rep++) {
                Exploration x = new Explorer(System::nanoTime, () -> false, s -> { }, Integer.MAX_VALUE).explore(f, new ExhaustiveStrategy(r, -1), Bounds.defaults());
                if (rep == 2) System.out.printf(Locale.ROOT, "%s %s: %d schedules, %d pruned, %d steps, %.3f s, %.0f schedules/s, %.0f steps/s%n", f.id(), r, x.stats().schedules(), x.stats().pruned(), x.stats().steps(), x.stats().elapsedNanos()/1e9, x.stats().schedulesPerSecond(), x.stats().stepsPerSecond());
            }
        }
    }
}
