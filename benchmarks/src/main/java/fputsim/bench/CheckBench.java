package fputsim.bench;

import fputsim.explore.Explorer;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;
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
 * What {@code fputsim check} waits for, through the model's check ({@link ModelCheck}): the whole
 * exhaustive search of scenario 03 and the shrinking of each violated property's witness (2000
 * replays at most, the CLI's default), one operation each, timed shot by shot as a user waits for
 * it. An operation that finds no witness throws, so a score is never a run that checked nothing.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class CheckBench {
    @Param({"1x1"})
    public String size;

    @Param({Models.BASELINE})
    public String variant;

    private ModelFactory factory;

    @Setup
    public void setUp() {
        factory = Models.scenario03(size, variant);
    }

    @Benchmark
    public ModelCheck.Result check() {
        ModelCheck.Result r = ModelCheck.run(factory, Explorer.quiet(), Models.strategy("dfs", 1, 1), Models.bounds(false), 1, 2000);
        if (r.witnesses().isEmpty()) {
            throw new IllegalStateException("no witness on " + factory.id());
        }
        return r;
    }
}
