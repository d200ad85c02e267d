package fputsim.kernel.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fputsim.kernel.Expectation;
import fputsim.kernel.RunSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {
    static RunSummary measured(int tested, int busy) {
        return new RunSummary("io_uring", Expectation.BUSY_SOMETIMES, 1, tested, tested, busy, 0, 0, 0, 0, 0,
                "6.18.44", "fio-3.33", "", 0, 0, 0, 0, "", "");
    }

    @Test
    void parse_specs_mapToFioOptionsAndModel() {
        FioConfig c = FioConfig.parse("io_uring:4x8+sqpoll+fixed");
        assertThat(c.fioExtraArgs()).containsExactly("--sqthread_poll=1", "--registerfiles=1");
        assertThat(c.model(1, 2).id()).isEqualTo("jobs=1,iodepth=2,direct=0,defer=0,sqpoll=1,fixed=1,iowq=0,engine=io_uring");
        assertThat(FioConfig.parse("psync").spec()).isEqualTo("psync:12x2");
        assertThatThrownBy(() -> FioConfig.parse("spdk:1x1")).hasMessageContaining("bad configuration");
        assertThatThrownBy(() -> FioConfig.parse("psync:1x1+sqpoll")).hasMessageContaining("need ioengine io_uring");
    }

    @Test
    void model_seedConfiguration_sometimesByDpor() {
        Prediction.ModelSays m = Prediction.model(FioConfig.parse("io_uring:12x2"), "6.18.44", 1, 2, 200_000);
        assertThat(m.verdict()).isEqualTo("Sometimes");
        assertThat(m.finished()).isTrue();
        assertThat(m.byDpor()).isTrue();
        assertThat(PredictionTable.render(List.of(new Prediction.Row(FioConfig.parse("io_uring:12x2"), m, null)))).contains(" DPOR ").doesNotContain("unproven");
        assertThat(m.programId()).startsWith("03/jobs=1,iodepth=2,").endsWith("/baseline-6.18");
    }

    @Test
    void model_scheduleBudgetRunsOut_saysUnseenNotNever() {
        Prediction.ModelSays m = Prediction.model(FioConfig.parse("psync:12x1"), "6.18.44", 1, 2, 1);
        assertThat(m.exhaustive()).isFalse();
        assertThat(m.verdict()).isEqualTo("Unseen");
        assertThat(m.never()).isTrue();
    }

    /**
     * The control arms: no busy schedule in the model. By DPOR alone that is Unseen (not a proof),
     * which predicts 0 busy; with the proof (the default) the sleep-set search makes it a Never.
     */
    @Test
    void model_controlArms_unseenByDpor_neverWhenProven() {
        for (String spec : List.of("psync:12x1", "libaio:12x2")) {
            Prediction.ModelSays m = Prediction.model(FioConfig.parse(spec), "6.18.44", 1, 2, 200_000, false);
            assertThat(m.verdict()).as(spec).isEqualTo("Unseen");
            assertThat(m.never()).as(spec).isTrue();
            assertThat(m.byDpor()).as(spec).isTrue();
            Prediction.ModelSays proven = Prediction.model(FioConfig.parse(spec), "6.18.44", 1, 2, 200_000);
            assertThat(proven.verdict()).as(spec).isEqualTo("Never");
            assertThat(proven.exhaustive()).as(spec).isTrue();
            assertThat(proven.byDpor()).as(spec).isFalse();
        }
    }

    /**
     * A row whose proof was cut keeps DPOR's answer, unproven, and its size does not count as
     * finished, so the automatic model size stays at the largest proven one.
     */
    @Test
    void modelSays_proofCut_staysUnproven_andTheSizeDidNotFinish() {
        Prediction.ModelSays cut = new Prediction.ModelSays("Unseen", "x", 0, 4, false,
                "its dfs-sleep proof: bounded: time limit 1m reached", true, "its dfs-sleep proof: bounded: time limit 1m reached");
        assertThat(cut.finished()).isFalse();
        assertThat(PredictionTable.render(List.of(new Prediction.Row(FioConfig.parse("libaio:12x2"), cut, null)))).contains(" DPOR, unproven");
        Prediction.ModelSays ranOut = new Prediction.ModelSays("Unseen", "x", 0, 4, false, "unproven: ...", true);
        assertThat(ranOut.finished()).isTrue(); // --model-prove off: DPOR ran out, which the size budget counts
    }

    @Test
    void options_configuration_reachesTheReproducerWithTheModelsExpectation() {
        FioConfig c = FioConfig.parse("io_uring:4x8+direct");
        Prediction.ModelSays never = new Prediction.ModelSays("Never", "x", 0, 10, true);
        var o = Prediction.options(c, never, 12, 3, Path.of("r"));
        assertThat(o.numjobs()).isEqualTo(4);
        assertThat(o.iodepth()).isEqualTo(8);
        assertThat(o.fioExtraArgs()).containsExactly("--direct=1");
        assertThat(o.expectation()).isEqualTo(Expectation.BUSY_NEVER);
        assertThat(o.iterations()).isEqualTo(12);
    }

    @Test
    void agree_verdictAgainstBusyCount() {
        FioConfig c = FioConfig.parse("io_uring");
        Prediction.ModelSays sometimes = new Prediction.ModelSays("Sometimes", "x", 4, 8, true);
        Prediction.ModelSays never = new Prediction.ModelSays("Never", "x", 0, 8, true);
        assertThat(new Prediction.Row(c, sometimes, measured(10, 3)).agree()).isTrue();
        assertThat(new Prediction.Row(c, sometimes, measured(10, 0)).agree()).isFalse();
        assertThat(new Prediction.Row(c, never, measured(10, 0)).agree()).isTrue();
        assertThat(new Prediction.Row(c, never, measured(10, 1)).agree()).isFalse();
        List<Prediction.Row> rows = List.of(new Prediction.Row(c, never, measured(10, 0)), new Prediction.Row(c, sometimes, measured(10, 0)));
        assertThat(PredictionTable.exitCode(rows)).isEqualTo(1);
        assertThat(PredictionTable.exitCode(rows.subList(0, 1))).isZero();
        assertThat(PredictionTable.exitCode(List.of(new Prediction.Row(c, never, null)))).isEqualTo(77);
        assertThat(PredictionTable.render(rows)).contains("NO").contains("io_uring:12x2");
    }

    /**
     * The model's own search is DPOR: when it runs out it is not a proof (docs/explorer.md, point 7),
     * and the table says so; the size budget still counts it as finished. With the proof on (the
     * default) a clean row is searched again with sleep sets, and then it is a proven Never.
     */
    @Test
    void model_dporSearchRanOut_isMarkedUnprovenInTheTable() {
        Prediction.ModelSays m = Prediction.model(FioConfig.parse("psync:12x1"), "6.18.44", 1, 2, 200_000, false);
        assertThat(m.exhaustive()).isFalse();
        assertThat(m.byDpor()).isTrue();
        assertThat(m.finished()).isTrue();
        assertThat(m.cut()).startsWith("unproven: every schedule of the DPOR search (dfs) was run, but");
        assertThat(PredictionTable.render(List.of(new Prediction.Row(FioConfig.parse("psync:12x1"), m, null)))).contains(" DPOR, unproven");
        assertThat(new Prediction.ModelSays("Never", "x", 0, 10, true).byDpor()).isFalse();
        // with the proof (the default), the sleep-set search proves the clean row: a Never, exhaustive
        Prediction.ModelSays proven = Prediction.model(FioConfig.parse("psync:12x1"), "6.18.44", 1, 2, 200_000);
        assertThat(proven.exhaustive()).isTrue();
        assertThat(proven.byDpor()).isFalse();
        assertThat(proven.verdict()).isEqualTo("Never");
        assertThat(proven.schedules()).isEqualTo(m.schedules());
        assertThat(PredictionTable.render(List.of(new Prediction.Row(FioConfig.parse("psync:12x1"), proven, null)))).contains(" exh.")
                .doesNotContain("unproven");
        Prediction.ModelSays cut = Prediction.model(FioConfig.parse("psync:12x1"), "6.18.44", 1, 2, 1);
        assertThat(cut.byDpor()).isFalse();
        assertThat(cut.finished()).isFalse();
    }
}
