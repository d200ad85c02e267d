package fputsim.cli;

import fputsim.model.ModelFactory;
import fputsim.model.report.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** check: explore one scenario on one variant and report every property. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Explore a scenario on a kernel variant and print herd7-style verdicts, per property.",
                "Defaults: scenario 03 (io-uring-kill-umount), 2 jobs x iodepth 2, baseline-6.18, exhaustive DPOR."},
        footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Option(names = "--detail", defaultValue = "summary", paramLabel = "LEVEL",
            description = "counterexample trace: summary, steps or full (default: ${DEFAULT-VALUE})")
    String detail;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON (schema: docs/json/check-v1.schema.json)")
    Path json;

    @Option(names = "--perfetto", paramLabel = "FILE", description = "write the first counterexample as Chrome Trace Event JSON (opens in ui.perfetto.dev)")
    Path perfetto;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "dfs-optimal: explore shard I of N (0 <= I < N) and write it to --json; combine with `fputsim merge`")
    String shard;

    @Override
    public Integer call() {
        TraceText.Detail d = detail(detail);
        ModelFactory f = model.factory();
        explore.bounds();
        explore.strategy();
        if (json != null) {
            JsonOutput.checkWritable(json);
        }
        if (perfetto != null) {
            JsonOutput.checkWritable(perfetto);
        }
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        Interrupt.install();
        if (shard != null) {
            return shard(f, out);
        }
        Checker.Result r = Checker.run(f, explore, new Progress(System.err, quiet));
        Checker.header(out, f, explore, r.exploration());
        Checker.verdicts(out, r.exploration());
        out.println(Checker.statsLine(r.exploration()));
        if (r.guarantee() != null) {
            out.println(r.guarantee());
        }
        for (Checker.Witness w : r.witnesses()) {
            Checker.witness(out, f, w, d);
        }
        if (json != null) {
            JsonOutput.writeCheck(json, r, explore);
        }
        if (perfetto != null && !r.witnesses().isEmpty()) {
            Reports.writePerfetto(perfetto, fputsim.model.report.Counterexample.replay(f, r.witnesses().get(0).token()));
            out.println("perfetto:  " + perfetto + " (open in ui.perfetto.dev)");
        } else if (perfetto != null) {
            out.println("perfetto:  not written, no property was violated");
        }
        out.flush();
        return r.witnesses().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }

    /** --shard I/N: one deterministic part of the split optimal search, written as JSON for `merge`. */
    private int shard(ModelFactory f, PrintStream out) {
        String[] in = shard.split("/");
        int i;
        int n;
        try {
            i = Integer.parseInt(in[0].trim());
            n = Integer.parseInt(in[1].trim());
        } catch (RuntimeException e) {
            throw new UsageError("bad --shard '" + shard + "' (use I/N, e.g. 0/4)");
        }
        if (in.length != 2 || n < 1 || i < 0 || i >= n) {
            throw new UsageError("bad --shard '" + shard + "' (use I/N with 0 <= I < N)");
        }
        if (!explore.strategy.equals("dfs-optimal") || explore.preemptionBound != null) {
            throw new UsageError("--shard needs --strategy dfs-optimal (without --preemption-bound)");
        }
        if (json == null) {
            throw new UsageError("--shard needs --json FILE (the shard is written there)");
        }
        fputsim.explore.SplitSearch.Result r = fputsim.explore.SplitSearch.explore(f, explore.bounds(), explore.workers, i, n,
                fputsim.explore.SplitSearch.DEFAULT_PREFIXES, System::nanoTime, Interrupt::requested, new Progress(System.err, quiet), 64);
        ShardJson.write(json, f.id(), i, n, r);
        out.println("shard " + i + "/" + n + " of " + f.id() + ": " + Checker.statsLine(r.exploration()));
        out.println("wrote " + json + " (merge the " + n + " shards with: fputsim merge <model options> SHARD.json...)");
        return ExitCodes.OK;
    }

    static TraceText.Detail detail(String s) {
        return switch (s) {
            case "summary" -> TraceText.Detail.SUMMARY;
            case "steps" -> TraceText.Detail.STEPS;
            case "full" -> TraceText.Detail.FULL;
            default -> throw new UsageError(Suggest.unknown("detail level", s, java.util.List.of("summary", "steps", "full")));
        };
    }
}
