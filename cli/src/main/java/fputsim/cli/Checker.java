package fputsim.cli;

import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Replay;
import fputsim.explore.Stats;
import fputsim.explore.Tally;
import fputsim.model.Kernel;
import fputsim.model.KernelVersion;
import fputsim.model.ModelFactory;
import fputsim.model.check.ModelCheck;
import fputsim.model.report.Ledger;
import fputsim.model.report.TraceText;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Explores one model configuration and renders the result: header, verdicts, statistics, counterexamples. */
final class Checker {
    /** The clock of explorations (tests substitute a fake one, so no test depends on speed). */
    static java.util.function.LongSupplier ticker = System::nanoTime;

    private Checker() {
    }

    /** The model's check ({@link ModelCheck}) with the CLI's options, clock, Ctrl-C and progress line. */
    static ModelCheck.Result run(ModelFactory f, ExploreOptions x, Progress progress) {
        return run(f, x, x.bounds(), progress);
    }

    /** The same with other bounds than the options' (an automatic model size's budget). */
    static ModelCheck.Result run(ModelFactory f, ExploreOptions x, fputsim.explore.Bounds bounds, Progress progress) {
        return run(f, x, x.strategy(), bounds, progress);
    }

    /** The same with another strategy than the options' (compare's proof); seed and shrinking from the options. */
    static ModelCheck.Result run(ModelFactory f, ExploreOptions x, fputsim.explore.Strategy strategy, fputsim.explore.Bounds bounds,
                                 Progress progress) {
        Explorer explorer = new Explorer(ticker, Interrupt::requested, progress, 64);
        Exploration e = explorer.explore(f, strategy, bounds);
        progress.finish();
        return ModelCheck.result(f, strategy, e, x.seed, x.shrinkAttempts);
    }

    /**
     * {@code bounds} with what is left of a time budget {@code budgetNanos} since {@code start}, on
     * {@link #ticker} (0: no budget): at least 1 ms. Compare's proofs (an automatic size's budget)
     * and check's (its --time-limit) get what the DPOR search left.
     */
    static fputsim.explore.Bounds left(fputsim.explore.Bounds bounds, long budgetNanos, long start) {
        if (budgetNanos <= 0) {
            return bounds;
        }
        long left = Math.max(1_000_000L, budgetNanos - (ticker.getAsLong() - start));
        return new fputsim.explore.Bounds(bounds.maxSteps(), bounds.maxSchedules(),
                bounds.timeLimitNanos() == 0 ? left : Math.min(left, bounds.timeLimitNanos()), bounds.stopOnViolation());
    }

    static void header(PrintStream out, ModelFactory f, ExploreOptions x, Exploration e) {
        out.println("fputsim " + VersionProvider.VERSION + ": model " + KernelVersion.MODEL + ", kernel " + f.variant().kernelVersion());
        out.println("scenario  " + f.scenario().key() + ": " + f.scenario().story());
        out.println("config    " + f.config().id());
        out.println("variant   " + f.variant().name() + ": " + f.variant().summary());
        out.println("strategy  " + x.describe());
        out.println("bounds    " + e.bounds().describe() + " shrink-attempts=" + x.shrinkAttempts);
    }

    /**
     * One herd7-style line per property, single-spaced (herdtools' readers split on one space):
     * {@code Observation <outcome> Never|Sometimes|Always|Unseen <violating> <not violating>}. A run
     * that was not exhaustive never says Never: a property it did not see violated is Unseen, and
     * every line of such a run ends with what cut it, e.g. {@code (bounded: time limit 5s reached;
     * not a proof)}. Then, for such a run, one warning line.
     */
    static void verdicts(PrintStream out, Exploration e) {
        for (Tally t : e.tallies()) {
            if (!ModelFactory.isProbe(t.property())) {
                out.println(observation(e, t) + annotation(e, t));
            }
        }
        warning(out, e);
    }

    static String observation(Exploration e, Tally t) {
        return "Observation " + t.outcome() + " " + e.verdictWord(t) + " " + t.violating() + " " + (t.total() - t.violating());
    }

    /**
     * Empty for an exhaustive run; for an exhaustive run with a caveat (the stateful search's
     * fingerprints) the caveat, with the probability of a missed state; otherwise what cut it, and
     * for an Unseen property that it is not a proof.
     */
    static String annotation(Exploration e, Tally t) {
        if (e.exhaustive()) {
            return e.completeness().caveat() == null ? "" : " (" + e.completeness().describe() + ")";
        }
        if (e.completeness().unproven()) { // the long reason once, on the warning line; a violation is proven by its witness
            return t.violating() == 0 ? " (unproven: DPOR, see the warning line; not a proof)" : " (by DPOR, see the warning line)";
        }
        return " (" + e.completeness().describe() + (t.violating() == 0 ? "; not a proof" : "") + ")";
    }

    /**
     * SPIN's "Warning: Search not completed", for every run that was not exhaustive; for a DPOR
     * search that ran out on a program whose footprints may depend on values read, "not a proof".
     */
    static void warning(PrintStream out, Exploration e) {
        if (!e.exhaustive()) {
            out.println("Warning: " + (e.completeness().unproven() ? "not a proof" : "search not completed") + " (" + e.completeness().describe()
                    + "): Unseen means no explored schedule violated the property, not that none can");
        }
    }

    /**
     * herd7's block per property, which herdtools' log readers (mcompare7, msum7) parse: the test is
     * the property (named by its outcome), its states the schedules that violate it
     * ({@code violated=1}) or not, its condition {@code exists (violated=1)}. A run that was not
     * exhaustive marks the validation line {@code Loop}, as herd7 does when a bound cut its
     * executions. The hash names the scenario and configuration, not the variant, so two variants'
     * logs compare test by test, as two models' logs of one litmus test do.
     */
    static void herd(PrintStream out, ModelFactory f, Exploration e) {
        String hash = md5(f.scenario().key() + "/" + f.config().id());
        for (Tally t : e.tallies()) {
            if (ModelFactory.isProbe(t.property())) {
                continue;
            }
            long pos = t.violating();
            long neg = t.total() - pos;
            out.println("Test " + t.outcome() + " Allowed");
            out.println("States " + ((pos > 0 ? 1 : 0) + (neg > 0 ? 1 : 0)));
            if (neg > 0) {
                out.println(neg + " :> violated=0;");
            }
            if (pos > 0) {
                out.println(pos + " *> violated=1;");
            }
            out.println((e.exhaustive() ? "" : "Loop ") + (pos > 0 ? "Ok" : "No"));
            out.println("Witnesses");
            out.println("Positive: " + pos + " Negative: " + neg);
            out.println("Condition exists (violated=1)");
            out.println(observation(e, t) + annotation(e, t));
            out.println(String.format(Locale.ROOT, "Time %s %.2f", t.outcome(), e.stats().elapsedNanos() / 1e9));
            out.println("Hash=" + hash);
            out.println();
        }
        warning(out, e);
    }

    static String md5(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }

    static String statsLine(Exploration e) {
        Stats s = e.stats();
        if (e.strategy().equals("dfs-stateful")) {
            return String.format(Locale.ROOT, "Explored %d states (%d paths stopped at a visited state), %d distinct end states, max depth %d, %.2f s, %.0f steps/s (%s)",
                    s.schedules(), s.pruned(), s.distinctEndStates(), s.maxDepth(), s.elapsedNanos() / 1e9,
                    s.stepsPerSecond(), e.completeness().describe());
        }
        return String.format(Locale.ROOT, "Explored %d schedules (%d pruned), %d distinct end states, max depth %d, %.2f s, %.0f schedules/s, %.0f steps/s (%s)",
                s.schedules(), s.pruned(), s.distinctEndStates(), s.maxDepth(), s.elapsedNanos() / 1e9,
                s.schedulesPerSecond(), s.stepsPerSecond(), e.completeness().unproven() ? "unproven: DPOR ran out" : e.completeness().describe());
    }

    /**
     * check's exit code: 1 when a property was violated (a counterexample is a proof, however the
     * search ended), else 130 when interrupted, 4 when the search was not exhaustive (a DPOR search
     * that ran out on a program whose footprints may depend on values read is not: no proof covers
     * it), 0 only for an exhaustive search that found nothing.
     */
    static int exitCode(ModelCheck.Result r) {
        if (!r.witnesses().isEmpty()) {
            return ExitCodes.VIOLATION;
        }
        Exploration e = r.exploration();
        if (e.completeness().has(fputsim.explore.Completeness.Kind.INTERRUPTED)) {
            return ExitCodes.INTERRUPTED;
        }
        return e.exhaustive() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    static void witness(PrintStream out, ModelFactory f, ModelCheck.Witness w, TraceText.Detail detail) {
        out.println();
        out.println("token:     " + w.token().encode());
        out.println("violated:  " + w.tally().property() + " (" + w.tally().outcome() + ")");
        out.printf(Locale.ROOT, "witness:   %d steps, %d preemptions; shrunk to %d steps, %d preemptions (%d replays)%n",
                w.original().steps(), w.original().preemptions(), w.shrunk().steps(), w.shrunk().preemptions(), w.shrinkReplays());
        out.println("replay:    ./fputsim replay " + w.token().encode() + variantClassArg(f));
        Replay.Replayed<Kernel> r = Replay.run(withStates(f, detail), w.token());
        List<String> states = detail == TraceText.Detail.FULL ? Ledger.states(r.program()) : null;
        out.print(TraceText.render(r.program().trace, detail, states));
        List<String> blocked = r.program().blocked();
        if (!blocked.isEmpty()) {
            out.println("blocked at the end (" + r.execution().ending().name().toLowerCase(Locale.ROOT) + "):");
            for (String b : blocked) {
                out.println("  " + b);
            }
        }
    }

    static String variantClassArg(ModelFactory f) {
        String cls = f.variant().patch().getClass().getName();
        return cls.startsWith("fputsim.model.variant.") ? "" : " --variant-class " + cls;
    }

    /** The same factory, whose kernels record the ledger after each step when the detail is full. */
    static fputsim.explore.ProgramFactory<Kernel> withStates(ModelFactory f, TraceText.Detail detail) {
        return detail == TraceText.Detail.FULL ? f.onCreate(Ledger::record) : f;
    }
}
