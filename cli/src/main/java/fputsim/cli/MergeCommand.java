package fputsim.cli;

import fputsim.explore.Exploration;
import fputsim.explore.SplitSearch;
import fputsim.explore.Summary;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;
import fputsim.model.report.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** merge: combine the shards of `check --shard I/N` into one verdict. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the JSON of the N shards of `fputsim check --strategy dfs-optimal|dfs-sleep --shard I/N --json FILE` into one verdict.",
                "Give the same model options as the shards were run with; the result equals the unsharded split run.",
                "Merged dfs-sleep shards are a proof; merged dfs-optimal shards are not, on the kernel model (Unseen, exit 4: docs/explorer.md, point 7)."},
        footer = ExitCodes.HELP)
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Parameters(arity = "1..*", paramLabel = "SHARD.json", description = "the shards' JSON, one per shard")
    List<Path> shards;

    @Option(names = "--shrink-attempts", defaultValue = "2000", paramLabel = "N", description = "replays the shrinker may use (default: ${DEFAULT-VALUE})")
    int shrinkAttempts;

    @Override
    public Integer call() {
        ModelFactory f = model.factory();
        List<ShardJson.Shard> read = new ArrayList<>();
        for (Path p : shards) {
            read.add(ShardJson.read(p));
        }
        ShardJson.Shard first = read.get(0);
        Summary[] parts = new Summary[first.prefixes()];
        boolean[] seen = new boolean[first.shards()];
        boolean exhausted = true;
        long elapsed = 0;
        for (int k = 0; k < read.size(); k++) {
            ShardJson.Shard s = read.get(k);
            if (!s.program().equals(f.id())) {
                throw new UsageError(shards.get(k) + " is a shard of " + s.program() + ", not of " + f.id());
            }
            if (!s.model().equals(KernelVersion.MODEL)) {
                throw new UsageError(shards.get(k) + " was made by model " + s.model() + ", this is " + KernelVersion.MODEL);
            }
            if (s.shards() != first.shards() || s.prefixes() != first.prefixes() || !s.bounds().equals(first.bounds())
                    || !s.strategy().equals(first.strategy())) {
                throw new UsageError(shards.get(k) + " is not of the same split as " + shards.get(0) + " (shards, prefixes, bounds or strategy differ)");
            }
            if (seen[s.shard()]) {
                throw new UsageError("shard " + s.shard() + "/" + s.shards() + " given twice");
            }
            seen[s.shard()] = true;
            exhausted &= s.exhausted();
            elapsed += s.elapsedNanos();
            for (int i = 0; i < parts.length; i++) {
                if (s.parts()[i] != null) {
                    parts[i] = s.parts()[i];
                }
            }
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new UsageError("shard " + i + "/" + seen.length + " is missing");
            }
        }
        Summary merged = SplitSearch.merge(parts, f.properties().size());
        // dfs-optimal's merged run is unproven on the model (docs/explorer.md, point 7), dfs-sleep's a proof
        Exploration e = merged.exploration(f, first.strategy(), first.bounds(), elapsed, exhausted, exhausted ? null : "stopped");
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        out.println("fputsim " + VersionProvider.VERSION + ": model " + KernelVersion.MODEL + ", kernel " + f.variant().kernelVersion());
        out.println("merged    " + read.size() + " shards of " + f.id() + " (" + first.prefixes() + " prefixes; CPU-summed time)");
        Checker.verdicts(out, e);
        out.println(Checker.statsLine(e));
        List<ModelCheck.Witness> witnesses = ModelCheck.witnesses(f, e, 1, shrinkAttempts);
        for (ModelCheck.Witness w : witnesses) {
            Checker.witness(out, f, w, TraceText.Detail.SUMMARY);
        }
        out.flush();
        if (!witnesses.isEmpty()) {
            return ExitCodes.VIOLATION;
        }
        return e.exhaustive() ? ExitCodes.OK : ExitCodes.INCOMPLETE; // as check's: a merge that is not a proof exits 4
    }
}
