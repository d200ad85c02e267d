/*
 * Prediction: for each fio configuration, what the model says about umount-busy-after-reap
 * (Never / Sometimes, from an exhaustive DPOR check at a small size, a clean one proven by the
 * sleep-set search at the same size) next to what the kernel
 * measured (the reproducer with a few iterations), and whether they agree:
 *   model Never     and 0 busy iterations          agree
 *   model Sometimes and at least one busy iteration agree
 *   anything else                                  disagree (a Sometimes not seen in N
 *                                                  iterations counts: raise --iterations to be sure)
 * Leaves out: rates; the model is untimed and says only whether EBUSY is possible.
 * Checked by: PredictionTest (model side and agreement), the CLI run documented in real-kernel.md.
 */
package fputsim.kernel.predict;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Tally;
import fputsim.kernel.Expectation;
import fputsim.kernel.ReproducerRun;
import fputsim.kernel.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import fputsim.kernel.conform.ModelFor;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;

public final class Prediction {
    public static final String PROPERTY = "umount-busy-after-reap";

    /**
     * The model's answer: Never, Sometimes or Always, over how many schedules, and whether the search
     * was exhaustive; a search cut by the schedule budget (or the step bound) says Unseen, never Never.
     */
    public record ModelSays(String verdict, String programId, long violating, long schedules, boolean exhaustive, String cut,
                            boolean byDpor, String proofCut) {
        /**
         * {@code cut}: what cut a search that was not exhaustive ("" when it was); {@code byDpor}: a DPOR
         * search that ran out, not a proof, since DPOR is proven complete only when no step's footprint
         * depends on a value it reads (docs/explorer.md, point 7): a property it saw no violation of
         * reads Unseen; a Sometimes is proven by its witness.
         */
        public ModelSays(String verdict, String programId, long violating, long schedules, boolean exhaustive, String cut,
                         boolean byDpor) {
            this(verdict, programId, violating, schedules, exhaustive, cut, byDpor, "");
        }

        public ModelSays(String verdict, String programId, long violating, long schedules, boolean exhaustive, String cut) {
            this(verdict, programId, violating, schedules, exhaustive, cut, false);
        }

        public ModelSays(String verdict, String programId, long violating, long schedules, boolean exhaustive) {
            this(verdict, programId, violating, schedules, exhaustive, exhaustive ? "" : "not exhaustive");
        }

        /**
         * The search ran out (a proof, or a DPOR search that is not one and whose proof, when one was
         * tried, was not cut): what the size budget asks. A size whose proof was cut did not finish,
         * so the automatic size stays at the largest proven one.
         */
        public boolean finished() {
            return (exhaustive || byDpor()) && proofCut.isEmpty();
        }

        public boolean never() {
            return violating == 0;
        }
    }

    /** One row of the table. {@code kernel} is null when the kernel was not run (model only). */
    public record Row(FioConfig config, ModelSays model, RunSummary kernel) {
        public boolean measured() {
            return kernel != null && kernel.exitCode() != 77 && kernel.tested() > 0;
        }

        public boolean agree() {
            return measured() && (model.never() == (kernel.busy() == 0));
        }
    }

    private Prediction() {
    }

    /** Exhaustive DPOR check of the configuration's model at jobs x depth (capped by the config's own), a clean one proven. */
    public static ModelSays model(FioConfig c, String kernelRelease, int jobs, int depth, long maxSchedules) {
        return model(c, kernelRelease, jobs, depth, maxSchedules, true);
    }

    /** As above, the proof on or off. */
    public static ModelSays model(FioConfig c, String kernelRelease, int jobs, int depth, long maxSchedules, boolean prove) {
        return model(c, kernelRelease, jobs, depth, Bounds.defaults().withMaxSchedules(maxSchedules), () -> 0L, prove);
    }

    /**
     * The same with any bounds, timed by {@code ticker} (a time limit in the bounds is read on it;
     * the caller's automatic model size gives each size a time budget this way).
     */
    public static ModelSays model(FioConfig c, String kernelRelease, int jobs, int depth, Bounds bounds,
                                  java.util.function.LongSupplier ticker) {
        return model(c, kernelRelease, jobs, depth, bounds, ticker, true);
    }

    /**
     * As above; with {@code prove}, a DPOR search that ran out without a violation of
     * umount-busy-after-reap (which is not a proof on the model: docs/explorer.md, point 7) is
     * followed by the sleep-set search ({@code dfs-sleep}, with its local-step rule) at the same
     * size and bounds, and its result, when it finishes, is the model's answer: a proven Never.
     * When it is cut, the answer stays DPOR's (unproven).
     */
    public static ModelSays model(FioConfig c, String kernelRelease, int jobs, int depth, Bounds bounds,
                                  java.util.function.LongSupplier ticker, boolean prove) {
        ModelFactory f = ModelFor.factory(c.ioengine(), c.model(jobs, depth), kernelRelease);
        Exploration e = ModelCheck.exhaustive(f, bounds, ticker);
        String proofCut = "";
        if (prove && e.completeness().unproven() && tally(e).violating() == 0) {
            Exploration proof = new fputsim.explore.Explorer(ticker, () -> false, s -> { }, Integer.MAX_VALUE)
                    .explore(f, new fputsim.explore.strategy.ExhaustiveStrategy(
                            fputsim.explore.strategy.ExhaustiveStrategy.Reduction.SLEEP, -1), bounds);
            if (proof.exhaustive()) {
                e = proof;
            } else {
                proofCut = "its dfs-sleep proof: " + proof.completeness().describe();
            }
        }
        Tally t = tally(e);
        return new ModelSays(e.verdictWord(t), f.id(), t.violating(), t.total(), e.exhaustive(),
                e.exhaustive() ? "" : proofCut.isEmpty() ? e.completeness().describe() : proofCut,
                e.completeness().unproven(), proofCut);
    }

    /** The exploration's tally of umount-busy-after-reap. */
    private static Tally tally(Exploration e) {
        for (Tally t : e.tallies()) {
            if (t.outcome().equals(PROPERTY)) {
                return t;
            }
        }
        throw new IllegalStateException("the model has no property " + PROPERTY);
    }

    /** The reproducer's options for a configuration; its KTAP verdict is the model's expectation. */
    public static ReproducerRun.Options options(FioConfig c, ModelSays m, int iterations, long seed, Path resultsRoot) {
        ReproducerRun.Options d = ReproducerRun.Options.defaults(c.ioengine());
        return new ReproducerRun.Options(c.ioengine(), iterations, seed, d.minSleep(), d.randomSleep(), c.numjobs(),
                c.iodepth(), d.rw(), d.dataMiB(), d.imageSize(), c.fioExtraArgs(), false, d.umountBound(), d.workDir(),
                resultsRoot, d.nativeDir(), null, m == null ? null : m.never() ? Expectation.BUSY_NEVER : Expectation.BUSY_SOMETIMES);
    }

    /** Runs the reproducer for one configuration (KTAP to {@code ktap}) and pairs it with the model's answer. */
    public static Row measure(FioConfig c, ModelSays m, int iterations, long seed, Path resultsRoot, PrintStream ktap)
            throws InterruptedException {
        return measure(c, m, iterations, seed, resultsRoot, ktap, ReproducerRun.Outputs.none());
    }

    /** As measure(), with the run's outputs (kernel predict: its KTAP as a subtest named after the configuration). */
    public static Row measure(FioConfig c, ModelSays m, int iterations, long seed, Path resultsRoot, PrintStream ktap,
            ReproducerRun.Outputs x) throws InterruptedException {
        return new Row(c, m, ReproducerRun.run(options(c, m, iterations, seed, resultsRoot), ktap, x));
    }
}
