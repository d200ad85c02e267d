package fputsim.model;

import fputsim.explore.Audit;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The footprint audit over every built-in scenario and variant at small sizes: every outcome (end
 * state, violated properties) that seeded random schedules reach, without footprints, is reached
 * by the DPOR search too. A missing declaration shows up here as a random schedule DPOR missed.
 */
class FootprintAuditTest {
    /** scenario, configuration (null: defaults): the committed verdict cases small enough to audit quickly. */
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", null}, {"04", "jobs=1,iodepth=2,direct=1,defer=0,engine=libaio"}, {"05", null}, {"06", null}, {"07", null},
            {"08", null}, {"08", "jobs=1,iodepth=1,fixed=1"}, {"08", "jobs=2,iodepth=1,fixed=1"}, {"08", "jobs=1,iodepth=1,sqpoll=1,defer=0,fixed=1"},
            {"09", null}, {"09", "jobs=1,iodepth=1,defer=0"}, {"09", "jobs=1,iodepth=2"},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=2"}, {"03", "jobs=1,iodepth=1,defer=0"},
            {"03", "jobs=1,iodepth=2,defer=0"}, {"03", "jobs=1,iodepth=1,direct=1"}, {"03", "jobs=1,iodepth=1,fixed=1"},
            {"03", "jobs=1,iodepth=1,iowq=1"}, {"03", "jobs=1,iodepth=1,defer=0,iowq=1"}, {"03", "jobs=1,iodepth=1,sqpoll=1,defer=0"},
            {"03", "jobs=1,iodepth=1,engine=psync"},
            {"03", "jobs=1,iodepth=2,fioLoop=1"}, {"03", "jobs=1,iodepth=1,defer=0,fioLoop=2"},
    };
    static final long SAMPLES = 400;
    static final long SEED = 20261202;

    static ModelFactory factory(String scenario, String config, String variant) {
        return ModelFactory.of(scenario, config == null ? null : ScenarioConfig.parse(config), variant);
    }

    @Test
    void audit_everyScenarioAndVariant_randomOutcomesAreAllReachedByDpor() {
        List<String> disagreements = new ArrayList<>();
        for (String[] c : CASES) {
            for (String v : Variants.names()) {
                Audit.Result r = FootprintAudit.audit(factory(c[0], c[1], v), SAMPLES, SEED);
                if (!r.agrees()) {
                    disagreements.add(c[0] + " " + c[1] + " " + v + ": " + r.summary());
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
