package fputsim.bench;

import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.model.ModelFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time to the first EBUSY counterexample (umount-busy-after-reap) on scenario 03, baseline-6.18:
 * one operation explores with stop-on-violation until the first violating schedule. dfs is the
 * exhaustive DPOR search (deterministic: the same schedule every time); random and pct (depth 3)
 * take a new seed per operation, so the average is over seeds. An operation that ends without the
 * violation throws, so a score is never a miss.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class FirstViolationBench {
    static final String EBUSY = "UmountNotBusyAfterReap";

    @Param({"dfs", "random", "pct"})
    public String strategy;

    @Param({"1x1", "2x2"})
    public String size;

    @Param({Models.BASELINE})
    public String variant;

    private ModelFactory factory;
    private long seed;

    @Setup
    public void setUp() {
        factory = Models.scenario03(size, variant);
    }

    @Benchmark
    public Exploration firstEbusy() {
        Exploration x = Explorer.quiet().explore(factory, Models.strategy(strategy, ++seed, 1_000_000), Models.bounds(true));
        if (x.tally(EBUSY).violating() == 0) {
            throw new IllegalStateException(strategy + " seed " + seed + " found no EBUSY on " + factory.id());
        }
        return x;
    }
}
