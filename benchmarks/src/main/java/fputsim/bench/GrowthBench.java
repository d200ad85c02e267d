package fputsim.bench;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.strategy.ExhaustiveStrategy;
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
 * Exhaustive verification time of scenario 03 as it grows, per reduction: one operation is a
 * whole exhaustive exploration (every property checked, no stop at a violation). {@code run} is
 * "REDUCTION/JOBSxIODEPTH"; the default list holds the runs that finish within minutes on a
 * 2-core machine (docs/performance.md lists those that do not). The schedule counts are
 * deterministic: {@code java -cp benchmarks.jar fputsim.bench.Counts growth} prints them.
 * An exploration that is not exhausted within {@code limitSeconds} throws rather than report a
 * partial time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GrowthBench {
    @Param({"DPOR/1x1", "DPOR/1x2", "DPOR/1x3", "DPOR/1x4", "DPOR/2x1", "DPOR/2x2",
            "SLEEP/1x1", "SLEEP/1x2", "SLEEP/2x1", "NONE/1x1"})
    public String run;

    @Param({Models.BASELINE})
    public String variant;

    @Param({"600"})
    public long limitSeconds;

    private ModelFactory factory;
    private ExhaustiveStrategy.Reduction reduction;

    @Setup
    public void setUp() {
        String[] rs = run.split("/");
        reduction = ExhaustiveStrategy.Reduction.valueOf(rs[0]);
        factory = Models.scenario03(rs[1], variant);
    }

    @Benchmark
    public Exploration exhaustive() {
        Bounds b = new Bounds(Bounds.defaults().maxSteps(), Bounds.defaults().maxSchedules(),
                TimeUnit.SECONDS.toNanos(limitSeconds), false);
        Exploration x = new Explorer(System::nanoTime, () -> false, s -> { }, Integer.MAX_VALUE)
                .explore(factory, new ExhaustiveStrategy(reduction, -1), b);
        if (!x.exhausted()) {
            throw new IllegalStateException(run + " not exhausted (" + x.stopped() + ") after " + x.stats().schedules() + " schedules");
        }
        return x;
    }
}
