package fputsim.cli;

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
        Counterexample cx;
        if (token != null) {
            cx = Reports.fromToken(token, model.variantClass());
        } else {
            Reports.smallDefaults(model);
            explore.bounds();
            explore.strategy();
            cx = Reports.shown(model.factory(), explore);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Narration.render(cx));
        out.flush();
        return cx.violations().isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATION;
    }
}
