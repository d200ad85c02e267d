package fputsim.bench;

import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Strategy;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Explorer throughput on scenario 03 (2 jobs x iodepth 2, baseline-6.18) on one thread. One
 * operation is a slice of {@code slice} complete schedules: for {@code dfs} the first schedules
 * of the exhaustive DPOR search (each op restarts it, so the slice is the search's start), for
 * {@code random} fresh seeded walks. The {@link Work} counters give steps/s and schedules/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class ThroughputBench {
    @Param({"2x2"})
    public String size;

    @Param({Models.BASELINE})
    public String variant;

    @Param({"500"})
    public long slice;

    private ModelFactory factory;
    private long seed;

    @Setup
    public void setUp() {
        factory = Models.scenario03(size, variant);
    }

    @Benchmark
    public Exploration dpor(Work work) {
        return run("dfs", work);
    }

    @Benchmark
    public Exploration random(Work work) {
        return run("random", work);
    }

    private Exploration run(String strategy, Work work) {
        Strategy s = Models.strategy(strategy, ++seed, slice);
        Exploration x = Explorer.quiet().explore(factory, s, Models.bounds(false).withMaxSchedules(slice));
        work.add(x);
        return x;
    }
}
