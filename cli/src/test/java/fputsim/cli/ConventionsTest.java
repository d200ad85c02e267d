package fputsim.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CLI conventions on every (sub)command: -V/--version, --help, and a summary that is one whole sentence. */
class ConventionsTest {
    static List<CommandLine> all(CommandLine c) {
        List<CommandLine> out = new ArrayList<>(List.of(c));
        c.getSubcommands().values().forEach(s -> out.addAll(all(s)));
        return out;
    }

    static String[] path(CommandLine c, String... tail) {
        List<String> p = new ArrayList<>();
        for (CommandLine x = c; x.getParent() != null; x = x.getParent()) {
            p.add(0, x.getCommandName());
        }
        p.addAll(List.of(tail));
        return p.toArray(String[]::new);
    }

    @Test
    void everyCommand_versionAndHelp_printAndExitZero() {
        List<CommandLine> cs = all(Main.commandLine());
        assertThat(cs).hasSizeGreaterThanOrEqualTo(16);
        for (CommandLine c : cs) {
            for (String v : new String[]{"-V", "--version"}) {
                Cli r = Cli.run(path(c, v));
                assertThat(r.code()).as(c.getCommandSpec().qualifiedName() + " " + v).isZero();
                assertThat(r.out()).as(c.getCommandSpec().qualifiedName() + " " + v)
                        .startsWith("fputsim " + VersionProvider.VERSION + "\nmodel ").doesNotContain("picocli");
            }
            Cli h = Cli.run(path(c, "--help"));
            assertThat(h.code()).isZero();
            assertThat(h.out()).startsWith("Usage: " + c.getCommandSpec().qualifiedName());
        }
    }

    /** The command list shows a description's first line: it must be a whole sentence, not cut mid-way. */
    @Test
    void everyCommand_summaryLine_isOneWholeSentence() {
        for (CommandLine c : all(Main.commandLine())) {
            String[] d = c.getCommandSpec().usageMessage().description();
            assertThat(d).as(c.getCommandSpec().qualifiedName()).isNotEmpty();
            assertThat(d[0]).as(c.getCommandSpec().qualifiedName()).matches("[A-Z].*[.)]").doesNotContain("%n");
        }
    }
}
