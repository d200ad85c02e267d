package fputsim.cli;

import picocli.CommandLine.Command;

/** The top-level command. */
@Command(name = "fputsim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Models how Linux releases file and mount references when a process dies, and checks kernel patches against that model.",
        subcommands = {CheckCommand.class, MergeCommand.class, CompareCommand.class, ReplayCommand.class, ListCommand.class, KernelCommand.class,
                ExplainCommand.class, ReportCommand.class, ServeCommand.class, OverlayCommand.class, PredictWindowCommand.class,
                CompletionCommand.class},
        footer = ExitCodes.HELP)
public final class FputsimCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
