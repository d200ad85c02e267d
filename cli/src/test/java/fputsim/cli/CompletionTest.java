package fputsim.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * generate-completion's script, read by real shells: bash (the completion function called the
 * way bash calls it, with COMP_WORDS/COMP_CWORD, and the compspecs `complete -p` shows), zsh
 * (through bashcompinit), and an interactive bash in tmux where Tab is pressed after
 * `./fputsim list `. Skips with one line when a shell is missing.
 */
class CompletionTest {
    static String script(Path dir) throws Exception {
        Cli r = Cli.run("generate-completion");
        assertThat(r.code()).isZero();
        Files.writeString(dir.resolve("fputsim-completion.bash"), r.out());
        return r.out();
    }

    static String sh(Path dir, String shell, String program) throws Exception {
        Files.writeString(dir.resolve("t.sh"), program);
        Process p = new ProcessBuilder(shell.equals("zsh") ? List.of("zsh", "-f", "t.sh") : List.of("bash", "--norc", "--noprofile", "t.sh"))
                .directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    static boolean has(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    /** Words typed (the last one being completed) to the words bash would offer. */
    static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("./fputsim ch", "check");
        CASES.put("./fputsim check --variant ''", String.join(" ", fputsim.model.variant.Variants.names()));
        CASES.put("./fputsim check --strategy ''", "dfs dfs-optimal dfs-sleep dfs-nopor random pct");
        CASES.put("./fputsim check --engine ''", "io_uring psync libaio");
        CASES.put("./fputsim check --detail ''", "summary steps full");
        CASES.put("./fputsim check -s ''", "01 02 03 04 05 06 07 08 09 close-then-exit kthread-final-fput io-uring-kill-umount aio-kill-umount"
                + " lazy-umount-then-mount shared-ring-kill-umount lazy-umount-then-fsck clean-exit close-ring-then-exit");
        CASES.put("./fputsim compare --strategy p", "pct");
        CASES.put("./fputsim list ''", "scenarios variants properties");
        CASES.put("./fputsim kernel ''", "doctor run predict conform clean");
        CASES.put("fputsim replay --detail f", "full");
        CASES.put("fputsim predict-window ''", "calibrate");
        CASES.put("fputsim generate-completion --shell ''", "bash zsh");
    }

    static String calls(String prelude) {
        StringBuilder sb = new StringBuilder(prelude);
        sb.append("comp() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                + " COMPREPLY=(); _complete_fputsim \"$1\" \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"; }\n");
        CASES.keySet().forEach(k -> sb.append("comp ").append(k).append('\n'));
        return sb.toString();
    }

    @Test
    void completion_inBash_offersCommandsOptionsAndValues_forBothSpellings(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(has("bash"), "not run: bash is not installed");
        script(dir);
        String out = sh(dir, "bash", calls("source ./fputsim-completion.bash\n") + "complete -p ./fputsim fputsim\n");
        List<String> lines = out.lines().toList();
        assertThat(lines.subList(0, CASES.size())).containsExactlyElementsOf(CASES.values());
        assertThat(lines.subList(CASES.size(), lines.size())).containsExactly(
                "complete -o default -F _complete_fputsim ./fputsim", "complete -o default -F _complete_fputsim fputsim");
    }

    @Test
    void completion_inZsh_throughBashcompinit(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(has("zsh"), "not run: zsh is not installed (apt-get install zsh)");
        script(dir);
        String out = sh(dir, "zsh", "autoload -U +X compinit && compinit -u -d ./zcompdump\nsource ./fputsim-completion.bash\n"
                + "print -r -- \"${_comps[./fputsim]}|${_comps[fputsim]}\"\nsetopt ksharrays\n" + calls(""));
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("_bash_complete -F _complete_fputsim -o default|_bash_complete -F _complete_fputsim -o default");
        // called from outside zsh's completer, the words are not yet narrowed to the prefix (zsh does that): narrow them here
        List<String> keys = List.copyOf(CASES.keySet());
        for (int i = 0; i < keys.size(); i++) {
            String[] typed = keys.get(i).split(" ");
            String prefix = typed[typed.length - 1].replace("'", "");
            String offered = String.join(" ", java.util.Arrays.stream(lines.get(i + 1).split(" ")).filter(w -> w.startsWith(prefix)).toList());
            assertThat(offered).as(keys.get(i)).isEqualTo(CASES.get(keys.get(i)));
        }
    }

    /** The README's form, typed in an interactive bash: Tab Tab after `./fputsim list ` lists the topics. */
    @Test
    void completion_interactiveBashInTmux_completesDotSlashFputsim(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(has("tmux") && has("bash"), "not run: tmux is not installed");
        script(dir);
        String session = "fputsim-completion-" + ProcessHandle.current().pid();
        List<String> tmux = List.of("tmux", "-L", session);
        run(tmux, "new-session", "-d", "-s", session, "-x", "150", "-y", "30",
                // HISTFILE: the killed bash must not write a history into the test's folder while JUnit deletes it
                "env -i TERM=xterm PATH=/usr/bin:/bin HOME=" + dir + " HISTFILE=/dev/null bash --norc --noprofile");
        try {
            run(tmux, "send-keys", "-t", session, "cd " + dir + " && source ./fputsim-completion.bash && PS1='$ '", "Enter");
            run(tmux, "send-keys", "-t", session, "./fputsim list ", "Tab", "Tab");
            String pane = "";
            for (int i = 0; i < 600 && !pane.contains("properties"); i++) { // polls until the shell answers; never a speed gate
                Thread.sleep(100);
                pane = run(tmux, "capture-pane", "-p", "-t", session);
            }
            assertThat(pane).contains("properties", "scenarios", "variants").doesNotContain("fputsim-completion.bash  ");
        } finally {
            run(tmux, "kill-server");
            for (int i = 0; i < 600 && run(tmux, "has-session", "-t", session).isEmpty(); i++) {
                Thread.sleep(100); // until the server and its shell are gone; a guard, not a speed gate
            }
        }
    }

    static String run(List<String> tmux, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(tmux);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    @Test
    void completion_versionAndExtraArguments() {
        assertThat(Cli.run("generate-completion", "-V").out()).startsWith("fputsim " + VersionProvider.VERSION);
        assertThat(Cli.run("generate-completion", "extra").code()).isEqualTo(ExitCodes.USAGE);
    }
}
