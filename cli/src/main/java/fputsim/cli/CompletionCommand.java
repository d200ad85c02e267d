package fputsim.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * generate-completion: a bash (and zsh) completion script, picocli's, that completes
 * subcommands, options and option values (scenarios, variants, strategies, engines, detail
 * levels, list topics). It is bound to {@code fputsim} and {@code ./fputsim} (the README's form;
 * bash looks a compspec up by the command word as typed), and under zsh it loads bashcompinit.
 */
@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash and zsh.",
                "It completes commands, options and their values for the command typed as fputsim or as ./fputsim."
                        + " Use: source <(./fputsim generate-completion), e.g. in ~/.bashrc or ~/.zshrc."},
        footer = ExitCodes.HELP)
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shell", defaultValue = "bash", paramLabel = "SHELL", completionCandidates = Shells.class,
            description = "bash or zsh (the same script; default: ${DEFAULT-VALUE})")
    String shell;

    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh").iterator();
        }
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UsageError(Suggest.unknown("shell", shell, java.util.List.of("bash", "zsh")));
        }
        spec.commandLine().getOut().print(script());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** picocli's script for the whole command tree, bound to both spellings of the command. */
    static String script() {
        CommandLine cl = Main.commandLine();
        String s = AutoComplete.bash("fputsim", cl);
        String bind = "complete -F _complete_fputsim -o default fputsim fputsim.sh fputsim.bash";
        if (!s.contains(bind)) {
            throw new IllegalStateException("picocli's completion script changed: no '" + bind + "' line");
        }
        return s.replace(bind, "complete -F _complete_fputsim -o default fputsim ./fputsim");
    }
}
