package fputsim.cli;

import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;
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
                "Defaults: scenario 03 (io-uring-kill-umount), 2 jobs x iodepth 2, baseline-6.18, DPOR (dfs).",
                "Never is printed only by a search that ran every schedule to its end; a bounded or sampled run says Unseen, names its bounds on every verdict line, and exits 4.",
                "A DPOR search (dfs, the default, and dfs-optimal) that runs out is not a proof on the kernel model: DPOR is proven complete only when no step's footprint depends on a value it reads, and the model's steps may (docs/explorer.md, point 7). It says Unseen, ends its verdict lines (unproven: DPOR, see the warning line), and exits 4; a Sometimes it finds is still proven by its witness. For a proof: --strategy dfs-sleep, or --state-cache on (sleep sets, with state matching)."},
        footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Option(names = "--detail", completionCandidates = Candidates.Details.class, defaultValue = "summary", paramLabel = "LEVEL",
            description = "counterexample trace: summary, steps or full (default: ${DEFAULT-VALUE})")
    String detail;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON (schema: docs/json/check-v1.schema.json); - is standard output")
    Path json;

    @Option(names = "--perfetto", paramLabel = "FILE", description = "write the first counterexample as Chrome Trace Event JSON (opens in ui.perfetto.dev); - is standard output")
    Path perfetto;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Option(names = "--audit", description = "audit the footprints instead of checking: every outcome of --audit-runs random "
            + "schedules (which use no footprints) must be reached by the exhaustive DPOR search; exit 1 with the witness token if not")
    boolean audit;

    @Option(names = "--audit-runs", defaultValue = "2000", paramLabel = "N", description = "random schedules of --audit (default: ${DEFAULT-VALUE})")
    long auditRuns;

    @Option(names = "--herd", description = "verdicts as herd7's full block per property (Test, States, Ok/No, Witnesses, Condition, Observation, Time, Hash), which herdtools' log readers (mcompare7, msum7) parse")
    boolean herd;

    @Option(names = "--prove", defaultValue = "on", paramLabel = "on|off",
            description = "with dfs or dfs-optimal (not a proof on the kernel model: docs/explorer.md, point 7): a search that runs out"
                    + " with no violation is run again with sleep sets (dfs-sleep), within what is left of --time-limit; when that"
                    + " finishes its verdicts are printed, each Never a proof (default: ${DEFAULT-VALUE}); a proof that does not finish"
                    + " leaves DPOR's (unproven)")
    String prove;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "dfs-optimal or dfs-sleep: explore shard I of N (0 <= I < N) and write it to --json; combine with `fputsim merge`")
    String shard;

    @Override
    public Integer call() {
        TraceText.Detail d = detail(detail);
        ModelFactory f = model.factory();
        boolean proving = ExploreOptions.onOff("--prove", prove);
        explore.provesWithSleepSets = proving; // its proof runs dfs-sleep: --local-steps applies to it
        explore.bounds();
        explore.strategy();
        if (audit && (json != null || perfetto != null || herd)) {
            throw new UsageError("--audit prints its own summary and writes no --json, --perfetto or --herd output (drop one of them)");
        }
        if (json != null) {
            Outputs.checkWritable("--json", json);
        }
        if (perfetto != null) {
            Outputs.checkWritable("--perfetto", perfetto);
        }
        if (Outputs.isStdio(json) && Outputs.isStdio(perfetto)) {
            throw new UsageError("only one of --json and --perfetto can be - (standard output)");
        }
        // With a JSON document on standard output, the text goes to standard error.
        boolean textToErr = Outputs.isStdio(json) || Outputs.isStdio(perfetto);
        PrintStream out = new PrintStream(new WriterStream(textToErr ? spec.commandLine().getErr() : spec.commandLine().getOut()), true);
        if (audit) {
            return audit(out, f);
        }
        Interrupt.install();
        if (shard != null) {
            return shard(f, out);
        }
        long start = Checker.ticker.getAsLong();
        ModelCheck.Result r = Checker.run(f, explore, new Progress(System.err, quiet));
        String proofLine = null;
        if (proving && r.exploration().completeness().unproven() && r.witnesses().isEmpty() && !Interrupt.requested()) {
            fputsim.explore.Bounds b = Checker.left(explore.bounds(), explore.bounds().timeLimitNanos(), start);
            ModelCheck.Result proof = Checker.run(f, explore, explore.strategy("dfs-sleep"), b, new Progress(System.err, quiet));
            fputsim.explore.Stats st = proof.exploration().stats();
            if (!proof.witnesses().isEmpty()) {
                proofLine = "proof     DPOR MISSED: " + r.exploration().strategy() + " ran out with no violation, but the sleep-set search"
                        + " (dfs-sleep) found one (docs/explorer.md, point 7): the verdicts below are its";
                r = proof;
            } else if (proof.exploration().exhaustive()) {
                proofLine = String.format(java.util.Locale.ROOT, "proof     %s ran out with no violation, which is not a proof on this model;"
                        + " the sleep-set search (dfs-sleep) then ran %d schedules (%d pruned) in %.2f s: the verdicts below are its",
                        r.exploration().strategy(), st.schedules(), st.pruned(), st.elapsedNanos() / 1e9);
                r = proof;
            } else if (Interrupt.requested()) {
                proofLine = "proof     interrupted: the sleep-set search (dfs-sleep) was stopped (" + proof.exploration().completeness().describe()
                        + "): the verdicts below are its partial result";
                r = proof; // an honest partial result, and exit 130
            } else {
                proofLine = "proof     not proven: the sleep-set search (dfs-sleep) was cut (" + proof.exploration().completeness().describe()
                        + "), so the verdicts below are DPOR's (unproven)";
            }
        }
        Checker.header(out, f, explore, r.exploration());
        if (proofLine != null) {
            out.println(proofLine);
        }
        if (herd) {
            Checker.herd(out, f, r.exploration());
        } else {
            Checker.verdicts(out, r.exploration());
        }
        out.println(Checker.statsLine(r.exploration()));
        if (r.guarantee() != null) {
            out.println(r.guarantee());
        }
        for (ModelCheck.Witness w : r.witnesses()) {
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
        return Checker.exitCode(r);
    }

    /** check --audit: one line, and the witness of a disagreement. */
    private int audit(PrintStream out, ModelFactory f) {
        if (auditRuns < 1) {
            throw new UsageError("--audit-runs must be at least 1");
        }
        fputsim.explore.Audit.Result r;
        try {
            r = fputsim.model.FootprintAudit.audit(f, auditRuns, explore.seed);
        } catch (IllegalStateException e) {
            throw new UsageError("--audit: " + f.config().id() + " is too large to audit (" + e.getMessage()
                    + "); try --jobs 1 --iodepth 1");
        }
        out.println(r.summary());
        if (!r.agrees()) {
            for (fputsim.explore.Audit.Disagreement d : r.disagreements()) {
                out.println("missed:    " + d.outcome());
                out.println("replay:    ./fputsim replay " + d.token().encode() + Checker.variantClassArg(f));
            }
            return ExitCodes.VIOLATION;
        }
        return ExitCodes.OK;
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
        boolean sleep = explore.strategy.equals("dfs-sleep");
        if (!(explore.strategy.equals("dfs-optimal") || sleep) || explore.preemptionBound != null) {
            throw new UsageError("--shard needs --strategy dfs-optimal or dfs-sleep (without --preemption-bound)");
        }
        if (explore.stateful() != null) {
            throw new UsageError("--shard cannot be combined with --state-cache on (a shard's visited states are its own)");
        }
        if (json == null) {
            throw new UsageError("--shard needs --json FILE (the shard is written there)");
        }
        fputsim.explore.SplitSearch.Result r = fputsim.explore.SplitSearch.explore(f, explore.bounds(), explore.workers, i, n,
                fputsim.explore.SplitSearch.DEFAULT_PREFIXES, System::nanoTime, () -> 0L, Interrupt::requested,
                new Progress(System.err, quiet), 64, sleep, sleep && explore.localSteps());
        ShardJson.write(json, f.id(), i, n, r, explore.strategy);
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
