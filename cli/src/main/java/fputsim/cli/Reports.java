package fputsim.cli;

import fputsim.explore.ReplayToken;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.report.Counterexample;
import fputsim.model.report.PerfettoJson;
import fputsim.model.variant.Variants;

import java.nio.file.Path;

/** What explain, report and --perfetto share: finding the counterexample to show, and writing files. */
final class Reports {
    private Reports() {
    }

    /** The counterexample a token replays (a user variant class resolves its variant name). */
    static Counterexample fromToken(String token, String variantClass) {
        try {
            ReplayToken t = ReplayToken.decode(token);
            ModelFactory f = ModelFactory.fromId(t.programId(), name -> variant(name, variantClass));
            return Counterexample.replay(f, t);
        } catch (ReplayToken.Invalid | IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The variant a token names: built in, or the user's class (which must carry that name). */
    static Variant variant(String name, String variantClass) {
        if (variantClass != null) {
            Variant v = ModelOptions.loadVariant(variantClass);
            int at = name.lastIndexOf('@');
            fputsim.model.Baseline on = at > 0 ? fputsim.model.Baseline.of(name.substring(at + 1)) : null;
            if (on != null && v.name().equals(name.substring(0, at))) {
                return v.on(on); // the token of a user's patch applied to another baseline
            }
            if (!v.name().equals(name)) {
                throw new UsageError("the token is for variant " + name + ", but " + variantClass + " is " + v.name());
            }
            return v;
        }
        Variant v = Variants.find(name);
        if (v == null) {
            throw new UsageError("the token is for variant " + name + ", which is not built in (pass --variant-class)");
        }
        return v;
    }

    /**
     * The schedule to show for a model configuration: the shrunk witness of the first violated
     * property, as check prints it; with no violation, the first schedule of an exhaustive search
     * (every task runs to completion in creation order), so scenarios that pass can be shown too.
     */
    static Counterexample shown(ModelFactory f, ExploreOptions x) {
        return Counterexample.shown(Checker.run(f, x, new Progress(System.err, true)), x.seed);
    }

    /** Small defaults for teaching: one job, iodepth one, unless given. */
    static void smallDefaults(ModelOptions m) {
        if (m.jobs == null) {
            m.jobs = 1;
        }
        if (m.iodepth == null) {
            m.iodepth = 1;
        }
    }

    /** Chrome Trace Event JSON, written whole or not at all (a write failure is exit 2, not 3). */
    static void writePerfetto(Path p, Counterexample cx) {
        Outputs.checkWritable("--perfetto", p);
        Outputs.write(p, out -> PerfettoJson.write(cx, out));
    }

    static void writeText(Path p, String text) {
        Outputs.writeText(p, text);
    }
}
