package fputsim.cli;

import fputsim.model.Variant;
import fputsim.model.props.KernelProperty;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** list: scenarios, variants and properties, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List scenarios, variants and properties, one line each.",
        footer = ExitCodes.HELP)
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final List<String> TOPICS = List.of("scenarios", "variants", "properties");

    @Parameters(arity = "0..1", paramLabel = "WHAT", completionCandidates = Candidates.ListTopics.class, description = "scenarios, variants or properties (default: all)")
    String what;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> kinds = TOPICS;
        if (what != null && !kinds.contains(what)) {
            throw new UsageError(Suggest.unknown("list", what, kinds));
        }
        if (what == null || what.equals("scenarios")) {
            out.println("scenarios:");
            for (Scenario s : Scenarios.all()) {
                out.printf("  %s %-24s %s%n", s.number(), s.name(), s.story());
            }
        }
        if (what == null || what.equals("variants")) {
            out.println("variants:");
            for (Variant v : Variants.all()) {
                out.printf("  %-26s %s%n", v.name(), v.summary());
            }
        }
        if (what == null || what.equals("properties")) {
            out.println("properties:");
            for (KernelProperty p : KernelProperty.all()) {
                out.printf("  %-29s %-24s %s%n", p.name(), p.outcome(), p.description());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
