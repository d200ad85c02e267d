package fputsim.cli;

import fputsim.model.check.ModelCheck;
import fputsim.model.report.Counterexample;
import fputsim.model.report.Narration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** explain: a counterexample in plain sentences, each naming the kernel function and file. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Walk through a counterexample in plain sentences, naming the kernel function and source file of each step.",
                "Without a token: the shrunk counterexample check finds at --jobs 1 --iodepth 1 (scenario 03 on baseline-6.18 by default)."},
        footer = ExitCodes.HELP)
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "a replay token (FPS1:...); default: check's counterexample")
    String token;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ExploreOptions explore = new ExploreOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Counterexample cx;
        int code;
        if (token != null) {
            cx = Reports.fromToken(token, model.variantClass());
            code = cx.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
        } else {
            Reports.smallDefaults(model);
            explore.bounds();
            explore.strategy();
            fputsim.model.ModelFactory f = model.factory();
            Interrupt.install();
            ModelCheck.Result r = Checker.run(f, explore, new Progress(System.err, true));
            cx = Counterexample.shown(r, explore.seed);
            code = Checker.exitCode(r);
            if (r.witnesses().isEmpty() && !r.exploration().exhaustive()) {
                out.println("No property was violated in the schedules explored, but the search was not exhaustive ("
                        + r.exploration().completeness().describe() + "): that is not a proof. The first schedule follows.");
                out.println();
            }
        }
        // the replay line must name the user's variant class, or the token cannot be replayed
        String variantClass = model.variantClass();
        out.print(Narration.render(cx, variantClass == null ? "" : " --variant-class " + variantClass));
        out.flush();
        return code;
    }
}
