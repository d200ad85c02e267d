package fputsim.cli;

import fputsim.explore.Tally;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.check.Comparison;
import fputsim.model.check.ModelCheck;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** compare: every variant with the same bounds, a table of verdicts, and witnesses for what changed. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Explore a scenario on several variants with the same bounds and print a verdict table.",
                "A cell of a search that was not exhaustive reads Unseen (never Never) and says what cut it; the last line says whether the fixes hold.",
                "The search is dfs-sleep unless --strategy says otherwise: sleep sets and the local-step rule, whose Never is a proof on the kernel model"
                        + " (a DPOR strategy's clean rows are proven again with it: --prove).",
                "Without --jobs (scenarios with fio jobs: 03, 04), the size is the largest jobs x iodepth (jobs growing from 1 at --iodepth) at which"
                        + " every variant's search finished within --size-budget; a line after the header says which size and why,"
                        + " and --json records it (size)."},
        footer = ExitCodes.COMPARE_HELP)
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Option(names = "--variants", split = ",", paramLabel = "NAME", description = "variants to compare: registered names or class names of your own (default: all registered; then each --variant-class)")
    List<String> variants;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the table as JSON (schema: docs/json/compare-v1.schema.json)")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Option(names = "--size-budget", defaultValue = "60s", paramLabel = "DURATION",
            description = "without --jobs (scenarios with fio jobs): the time each model size gets for every variant together, e.g. 30s or 2m"
                    + " (default: ${DEFAULT-VALUE}); the size used is the largest that finished, and is printed (it depends on this machine's speed)")
    String sizeBudget;

    @Option(names = "--prove", defaultValue = "on", paramLabel = "on|off",
            description = "with dfs or dfs-optimal (not a proof on the kernel model: docs/explorer.md, point 7): search each row they found"
                    + " violating nothing again with sleep sets (dfs-sleep, on --workers threads), at the same size and within the same budget,"
                    + " so that its Never is proven (default: ${DEFAULT-VALUE}); a proof that does not finish leaves the row unproven")
    String prove;

    @Option(names = "--size-schedules", paramLabel = "N",
            description = "without --jobs: the schedules each variant's search gets at each size besides the time (default: no limit but --max-schedules)")
    Long sizeSchedules;

    @Override
    public Integer call() {
        Scenario s = model.scenario();
        ScenarioConfig given = model.config(s);
        ScenarioConfig c = given;
        if (!spec.commandLine().getParseResult().hasMatchedOption("--strategy")) {
            explore.strategy = "dfs-sleep"; // compare's default: every Never of its table a proof
        }
        explore.provesWithSleepSets = true;
        explore.bounds();
        explore.strategy();
        if (json != null) {
            Outputs.checkWritable("--json", json);
        }
        List<Variant> vs = variants(variants, model);
        proving = ExploreOptions.onOff("--prove", prove) && explore.stateful() == null
                && fputsim.explore.Completeness.dpor(explore.strategy().name());
        AutoSize.Budget budget = budget();
        Interrupt.install();
        long t0 = System.nanoTime();
        List<ModelCheck.Result> results;
        AutoSize.Choice<List<ModelCheck.Result>> size = null;
        if (model.jobs == null && scalesWithJobs(s, given, vs.get(0))) {
            size = AutoSize.choose(given.iodepth(), ScenarioConfig.MAX_JOBS, budget, explore.bounds(), Checker.ticker, (j, d, b) -> {
                List<ModelCheck.Result> rs = run(s, given.withSize(j, d), vs, b, budget.nanos());
                boolean finished = !Interrupt.requested() && rs.size() == vs.size() && rs.stream().allMatch(r -> r.exploration().completeness().finished())
                        && rs.stream().noneMatch(proofCut::containsKey); // a size whose proof was cut did not finish
                String proofCutAt = rs.stream().filter(proofCut::containsKey).findFirst()
                        .map(r -> r.factory().variant().name() + ": its proof: " + proofCut.get(r)).orElse(null);
                long n = rs.stream().mapToLong(r -> r.exploration().stats().schedules()).sum();
                String cut = rs.stream().filter(r -> !r.exploration().completeness().finished()).findFirst()
                        .map(r -> r.factory().variant().name() + ": " + r.exploration().completeness().describe())
                        .orElse(proofCutAt != null ? proofCutAt : Interrupt.requested() ? "interrupted" : "");
                return new AutoSize.Outcome<>(rs, finished, n, cut);
            });
            results = size.result();
            c = c.withSize(size.jobs(), size.iodepth());
        } else {
            results = run(s, c, vs, explore.bounds(), 0);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("compare " + s.key() + " " + c.id() + " strategy " + explore.describe()
                + (proving ? "; each row it finds clean proven by dfs-sleep" + (explore.localSteps() ? "" : " (sleep sets alone)") : "")
                + " bounds " + (size != null ? budget.apply(explore.bounds()) : explore.bounds()).describe());
        if (size != null) {
            out.println(size.line("--jobs", "--iodepth"));
        }
        table(out, results, () -> proofs(out, results));
        out.printf(Locale.ROOT, "%d variants in %.2f s%n", results.size(), (System.nanoTime() - t0) / 1e9);
        Outcome o = outcome(vs, results);
        out.println("result: " + o.line());
        if (json != null) {
            JsonOutput.writeCompare(json, results, explore, o, c, size);
        }
        out.flush();
        return o.code();
    }

    /**
     * Every variant at one configuration, one after the other, stopping at Ctrl-C. With
     * {@code sizeNanos} (an automatic size's budget), the variants share it: each search gets
     * what is left of it (at least 1 ms: a search past the budget is cut at once and reads Unseen).
     */
    private List<ModelCheck.Result> run(Scenario s, ScenarioConfig c, List<Variant> vs, fputsim.explore.Bounds bounds, long sizeNanos) {
        List<ModelCheck.Result> results = new ArrayList<>();
        long start = Checker.ticker.getAsLong();
        for (Variant v : vs) {
            ModelFactory f = new ModelFactory(s, c, v).withProbes();
            ModelCheck.Result r = Checker.run(f, explore, Checker.left(bounds, sizeNanos, start), new Progress(System.err, quiet));
            if (proving && !Interrupt.requested() && r.witnesses().isEmpty() && r.exploration().completeness().unproven()) {
                ModelCheck.Result proof = Checker.run(f, explore, explore.strategy("dfs-sleep"), Checker.left(bounds, sizeNanos, start),
                        new Progress(System.err, quiet));
                // a proof that found a violation DPOR did not would be a DPOR miss: the row takes the proof's result either way
                r = proof.exploration().exhaustive() || !proof.witnesses().isEmpty() ? proof : withProofCut(r, proof);
            }
            results.add(r);
            if (Interrupt.requested()) {
                break;
            }
        }
        return results;
    }

    /** Whether rows that DPOR found clean are searched again with sleep sets (--prove, with a DPOR strategy). */
    private boolean proving;


    /** DPOR's row, remembering why its proof did not finish (printed under the table). */
    private ModelCheck.Result withProofCut(ModelCheck.Result dpor, ModelCheck.Result proof) {
        proofCut.put(dpor, proof.exploration().completeness().describe());
        return dpor;
    }

    /** Rows whose proof did not finish, and why (by identity: each size's run has its own results). */
    private final java.util.Map<ModelCheck.Result, String> proofCut = new java.util.IdentityHashMap<>();

    /** Under the table: which rows the sleep-set search proved, and which it could not. */
    private void proofs(PrintWriter out, List<ModelCheck.Result> results) {
        if (!proving) {
            return;
        }
        for (ModelCheck.Result r : results) {
            fputsim.explore.Exploration e = r.exploration();
            if (e.strategy().equals("dfs-sleep") && !r.witnesses().isEmpty()) {
                // DPOR ran out without this violation: one of the misses of docs/explorer.md, point 7, on the model
                out.println("DPOR MISSED: " + r.factory().variant().name() + ": the dfs-sleep search found "
                        + String.join(", ", r.witnesses().stream().map(w -> w.tally().outcome()).toList())
                        + ", which the DPOR search that ran out did not (docs/explorer.md, point 7): the row is dfs-sleep's");
            } else if (e.strategy().equals("dfs-sleep")) {
                out.printf(Locale.ROOT, "proved: %s by dfs-sleep (%d schedules, %d pruned, %.2f s): its Never is a proof%n",
                        r.factory().variant().name(), e.stats().schedules(), e.stats().pruned(), e.stats().elapsedNanos() / 1e9);
            } else if (proofCut.containsKey(r)) {
                out.println("not proven: " + r.factory().variant().name() + ": its dfs-sleep search was cut (" + proofCut.get(r)
                        + "), so the row stays DPOR's (unproven)");
            }
        }
    }

    /** Whether the scenario's program grows with its fio jobs (scenarios 03 and 04 do): more actors at 2 jobs than at 1. */
    static boolean scalesWithJobs(Scenario s, ScenarioConfig c, Variant v) {
        int one = new ModelFactory(s, c.withSize(1, c.iodepth()), v).create().actors().size();
        int two = new ModelFactory(s, c.withSize(2, c.iodepth()), v).create().actors().size();
        return two != one;
    }

    private AutoSize.Budget budget() {
        if (sizeSchedules != null && sizeSchedules < 1) {
            throw new UsageError("--size-schedules must be at least 1, got " + sizeSchedules);
        }
        long nanos;
        try {
            nanos = ExploreOptions.parseTimeLimit(sizeBudget, false);
        } catch (UsageError e) {
            throw new UsageError("bad --size-budget '" + sizeBudget + "' (use e.g. 30s, 2m or 1h)");
        }
        return new AutoSize.Budget(nanos, sizeSchedules == null ? Long.MAX_VALUE : sizeSchedules);
    }

    /**
     * The variants to compare, in order: --variants (registered names or class names), else every
     * registered one; then each --variant-class. --variant is refused (it would be ignored), and
     * so is a variant named twice.
     */
    static List<Variant> variants(List<String> names, ModelOptions model) {
        if (model.variant != null) {
            throw new UsageError("compare takes --variants NAME,NAME,... (and --variant-class), not --variant");
        }
        List<Variant> vs = new ArrayList<>();
        if (names != null) {
            if (names.isEmpty()) {
                throw new UsageError("--variants needs at least one name");
            }
            for (String n : names) {
                vs.add(ModelOptions.resolve(n.strip()));
            }
        } else {
            vs.addAll(Variants.all());
        }
        if (model.variantClasses != null) {
            for (String c : model.variantClasses) {
                vs.add(ModelOptions.loadVariant(c));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Variant v : vs) {
            if (!seen.add(v.name())) {
                throw new UsageError("variant " + v.name() + " is given twice");
            }
        }
        return vs;
    }

    /** What the comparison says as a whole: a key for JSON, a line for people, and the exit code for scripts. */
    record Outcome(String key, String line, int code) {
    }

    /**
     * The model's {@link Comparison#outcome} with its exit code: the fixes hold (0), a fix fails (1),
     * interrupted (130) or inconclusive (4).
     */
    static Outcome outcome(List<Variant> requested, List<ModelCheck.Result> results) {
        Comparison.Outcome o = Comparison.outcome(requested, results);
        int code = switch (o.kind()) {
            case FIX_FAILS -> ExitCodes.VIOLATION;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            case INCONCLUSIVE -> ExitCodes.INCOMPLETE;
            case FIXES_HOLD -> ExitCodes.OK;
        };
        return new Outcome(o.kind().key, o.line(), code);
    }

    /** The verdict table, then {@code afterRows} (the proofs' lines), then the lines on completeness, changes and non-vacuity. */
    static void table(PrintWriter out, List<ModelCheck.Result> results, Runnable afterRows) {
        List<Tally> head = Comparison.properties(results.get(0));
        int vw = 10;
        for (ModelCheck.Result r : results) {
            vw = Math.max(vw, r.factory().variant().name().length());
        }
        int cw = 23;
        for (ModelCheck.Result r : results) {
            for (Tally t : Comparison.properties(r)) {
                cw = Math.max(cw, Comparison.cell(r.exploration(), t).length());
            }
        }
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + vw + "s", "variant"));
        for (Tally t : head) {
            h.append(" | ").append(String.format(Locale.ROOT, "%-" + cw + "s", t.outcome()));
        }
        out.println(h.toString().stripTrailing());
        for (ModelCheck.Result r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + vw + "s", r.factory().variant().name()));
            for (Tally t : Comparison.properties(r)) {
                row.append(" | ").append(String.format(Locale.ROOT, "%-" + cw + "s", Comparison.cell(r.exploration(), t)));
            }
            out.println(row.toString().stripTrailing());
        }
        afterRows.run();
        boolean dpor = false;
        for (ModelCheck.Result r : results) {
            String tag = r.exploration().completeness().caveatTag();
            if (r.exploration().completeness().unproven()) {
                dpor = true;
            } else if (!r.exploration().exhaustive()) {
                out.println("not exhaustive: " + r.factory().variant().name() + ": " + r.exploration().completeness().describe()
                        + " (Unseen: no explored schedule violated it; not a proof)");
            } else if (tag != null) {
                out.println("stateful: " + r.factory().variant().name() + ": " + r.exploration().completeness().describe());
            }
        }
        if (dpor) {
            out.println("unproven: the rows marked unproven ran every schedule of the DPOR search, but "
                    + fputsim.explore.Completeness.DPOR_UNPROVEN + " (Unseen: no explored schedule violated it; not a proof)");
        }
        Comparison.changes(results).forEach(out::println);
        for (ModelCheck.Result r : results) {
            out.println(Comparison.nonVacuity(r));
        }
    }
}
