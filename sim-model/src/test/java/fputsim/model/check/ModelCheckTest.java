package fputsim.model.check;

import fputsim.explore.Bounds;
import fputsim.explore.Explorer;
import fputsim.explore.Replay;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model's check and comparison on scenario 03 at 1x1: a shrunk witness that replays, and the comparison's verdicts. */
class ModelCheckTest {
    static ModelCheck.Result check(String variant, Bounds bounds) {
        return check(variant, bounds, new ExhaustiveStrategy(true, -1));
    }

    static ModelCheck.Result check(String variant, Bounds bounds, fputsim.explore.Strategy strategy) {
        ModelFactory f = new ModelFactory(Scenarios.find("03"), ScenarioConfig.parse("jobs=1,iodepth=1"), Variants.find(variant)).withProbes();
        return ModelCheck.run(f, Explorer.quiet(), strategy, bounds, 1, 2000);
    }

    @Test
    void check_baseline_givesOneShrunkWitnessWhoseTokenReplaysTheViolation() {
        ModelCheck.Result r = check("baseline-6.18", Bounds.defaults());
        assertThat(r.exploration().completeness().finished()).isTrue();
        assertThat(r.witnesses()).extracting(w -> w.tally().property()).containsExactly("UmountNotBusyAfterReap");
        ModelCheck.Witness w = r.witnesses().get(0);
        assertThat(w.shrunk().steps()).isLessThanOrEqualTo(w.original().steps());
        assertThat(Replay.run(r.factory(), w.token()).execution().violations())
                .extracting(v -> v.name()).contains("UmountNotBusyAfterReap");
        assertThat(r.guarantee()).isNull();
    }

    /** With sleep sets (a proof), the fix holds; with DPOR, which is not a proof on the model, the same rows are inconclusive. */
    @Test
    void compare_baselineAndAFix_theFixHoldsAndTheChangeNamesTheBaselinesWitness() {
        List<ModelCheck.Result> rs = List.of(check("baseline-6.18", Bounds.defaults(), new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1)),
                check("exit-cancel-2026", Bounds.defaults(), new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1)));
        List<Variant> vs = new ArrayList<>();
        rs.forEach(r -> vs.add(r.factory().variant()));
        Comparison.Outcome o = Comparison.outcome(vs, rs);
        assertThat(o.kind()).isEqualTo(Comparison.Kind.FIXES_HOLD);
        List<ModelCheck.Result> dpor = List.of(check("baseline-6.18", Bounds.defaults()), check("exit-cancel-2026", Bounds.defaults()));
        Comparison.Outcome od = Comparison.outcome(vs, dpor);
        assertThat(od.kind()).isEqualTo(Comparison.Kind.INCONCLUSIVE);
        assertThat(od.line()).isEqualTo("inconclusive: no fix violates a property, but the DPOR searches of exit-cancel-2026 ran out, which is not a proof here ("
                + fputsim.explore.Completeness.DPOR_UNPROVEN + "); Unseen is not a proof");
        assertThat(Comparison.cell(dpor.get(1).exploration(), Comparison.properties(dpor.get(1)).get(0))).isEqualTo("Unseen (unproven)");
        assertThat(Comparison.changes(dpor)).first().asString().startsWith("changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Unseen (unproven: DPOR), ");
        assertThat(Comparison.changes(rs)).containsExactly("changed: exit-cancel-2026 umount-busy-after-reap Sometimes -> Never, the baseline's witness "
                + rs.get(0).witnesses().get(0).token().encode());
        assertThat(Comparison.nonVacuity(rs.get(1))).endsWith("(every state on the baseline's path to EBUSY is reached)");
    }

    @Test
    void compare_aFixThatStillViolates_fails_andABoundedCleanRowIsInconclusive() {
        List<ModelCheck.Result> failing = List.of(check("baseline-6.18", Bounds.defaults()), check("fput-sync", Bounds.defaults()));
        assertThat(Comparison.outcome(List.of(failing.get(0).factory().variant(), failing.get(1).factory().variant()), failing).kind())
                .isEqualTo(Comparison.Kind.FIX_FAILS);
        ModelCheck.Result bounded = check("exit-cancel-2026", Bounds.defaults().withMaxSchedules(1));
        assertThat(bounded.exploration().exhaustive()).isFalse();
        assertThat(Comparison.outcome(List.of(bounded.factory().variant()), List.of(bounded)).kind()).isEqualTo(Comparison.Kind.INCONCLUSIVE);
        assertThat(Comparison.cell(bounded.exploration(), Comparison.properties(bounded).get(0))).startsWith("Unseen (");
    }
}
