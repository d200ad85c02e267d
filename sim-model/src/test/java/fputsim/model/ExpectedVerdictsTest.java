package fputsim.model;

import fputsim.explore.Verdict;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden table ({@link Expectations#SOURCE}) re-derived by exhaustive exploration of every case
 * x registered variant, verdicts and counts; and every row against the variant's own
 * {@link Expect} declarations. A baseline that stops reproducing the bug fails here, as does a fix
 * that breaks, or a declaration that no longer says what the explorer finds. Regenerate the table
 * on purpose with {@value Expectations#UPDATE} and review the diff.
 */
class ExpectedVerdictsTest {
    private static List<Expectations.Row> derived;

    /** The rows the explorer gives now (derived once per run; the update flag writes them). */
    static synchronized List<Expectations.Row> derived() throws IOException {
        if (derived == null) {
            List<Expectations.Row> rows = new ArrayList<>();
            for (fputsim.model.Variant v : Variants.all()) {
                rows.addAll(Expectations.derive(v, v.name(), Expectations.CASES));
            }
            if (Boolean.getBoolean("fputsim.golden.update")) {
                List<String> out = new ArrayList<>(Expectations.header());
                for (Expectations.Row r : ordered(rows)) {
                    out.add(r.toString());
                }
                Files.write(Path.of(Expectations.SOURCE), out);
                System.out.println("wrote " + Expectations.SOURCE);
            }
            derived = ordered(rows);
        }
        return derived;
    }

    /** Case by case, then variant by variant: the table's order. */
    private static List<Expectations.Row> ordered(List<Expectations.Row> rows) {
        List<Expectations.Row> out = new ArrayList<>();
        for (Expectations.Case c : Expectations.CASES) {
            for (String v : Variants.names()) {
                for (Expectations.Row r : rows) {
                    if (r.scenario().equals(c.scenario()) && r.config().equals(c.config().id()) && r.variant().equals(v)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void explore_everyCase_givesTheGoldenVerdictsAndCounts() throws IOException {
        List<String> actual = derived().stream().map(Expectations.Row::toString).toList();
        // After an update the class path still has the table of before: compare with the one written.
        List<Expectations.Row> golden = Boolean.getBoolean("fputsim.golden.update")
                ? Expectations.parse(Files.readAllLines(Path.of(Expectations.SOURCE))) : Expectations.golden();
        List<String> expected = golden.stream().map(Expectations.Row::toString).toList();
        assertThat(actual).as("explorer rows vs %s (regenerate on purpose: %s)", Expectations.SOURCE, Expectations.UPDATE)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void declarations_everyVariant_agreeWithTheExplorer() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (fputsim.model.Variant v : Variants.all()) {
            List<Expectations.Row> mine = derived().stream().filter(r -> r.variant().equals(v.name())).toList();
            wrong.addAll(Expectations.disagreements(Expectations.declarations(v), mine));
        }
        assertThat(wrong).as("@Expect declarations that the explorer contradicts").isEmpty();
    }

    @Test
    void disagreements_declarationTheExplorerContradicts_isReported() {
        Expectations.Row busy = new Expectations.Row("02", "c", "v", "umount-busy-after-reap", Verdict.Sometimes, 1, 3);
        Expectations.Row clean = new Expectations.Row("03", "c", "v", "umount-busy-after-reap", Verdict.Never, 0, 3);
        // No declaration for 02: the default Never disagrees with the explorer's Sometimes.
        assertThat(Expectations.disagreements(List.of(), List.of(busy, clean)))
                .singleElement().asString().contains("02", "declared Never", "the explorer says Sometimes");
        // Baseline 6.18 declares 02 Sometimes, 03 Sometimes (but 03 is Never in this made-up row)
        List<Expect> base = Expectations.declarations(new fputsim.model.variant.Baseline618());
        assertThat(Expectations.disagreements(base, List.of(busy, clean)))
                .anySatisfy(s -> assertThat(s).contains("03 c umount-busy-after-reap: declared Sometimes"))
                .anySatisfy(s -> assertThat(s).contains("decides no row"));
    }

    @Test
    void selects_configFields_mustAllBePresent() {
        Expect fixed = Expectations.declarations(new fputsim.model.variant.Baseline618()).stream()
                .filter(e -> e.scenario().equals("08")).findFirst().orElseThrow();
        String id = "jobs=1,iodepth=1,direct=0,defer=1,sqpoll=0,fixed=1,iowq=0,engine=io_uring";
        assertThat(Expectations.selects(fixed, new Expectations.Row("08", id, "v", fixed.property(), Verdict.Never, 0, 1))).isTrue();
        assertThat(Expectations.selects(fixed, new Expectations.Row("08", id.replace("fixed=1", "fixed=0"), "v", fixed.property(),
                Verdict.Never, 0, 1))).isFalse();
        assertThat(Expectations.selects(fixed, new Expectations.Row("03", id, "v", fixed.property(), Verdict.Never, 0, 1))).isFalse();
    }
}
