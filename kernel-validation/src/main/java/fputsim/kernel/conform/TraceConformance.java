/*
 * TraceConformance: every captured iteration of a traced run (its trace.txt) against the model.
 * An iteration whose fio was killed before it created a ring is compared with the model's fio
 * without rings (see withoutRings).
 * Leaves out: iterations where fio was never killed (reported as untested, not as conforming).
 * Checked by: ConformanceTest, RealKernelTest.
 */
package fputsim.kernel.conform;

import fputsim.kernel.FtraceParser;
import fputsim.model.ModelFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class TraceConformance {
    /**
     * One iteration: its number, the verdict (empty when fio was never killed in it), and how
     * many rings fio had at the kill (0: compared with the model's fio without rings).
     */
    public record Iteration(int number, Optional<Conformance.Result> result, int ringsAtKill) {
        public String line() {
            return "iteration " + number + ": " + result.map(Conformance.Result::line).orElse("untested (no kill in the trace)")
                    + (ringsAtKill == 0 && result.isPresent() ? " [killed before any ring existed: model without rings]" : "");
        }
    }

    private TraceConformance() {
    }

    public static List<Iteration> check(String traceText, ModelFactory model) {
        return check(traceText, model, Conformance.MAX_SCHEDULES);
    }

    public static List<Iteration> check(String traceText, ModelFactory model, long maxSchedules) {
        List<Iteration> out = new ArrayList<>();
        for (KernelSkeleton.Iteration it : KernelSkeleton.split(FtraceParser.parse(traceText))) {
            int rings = KernelSkeleton.ringsAtKill(it);
            ModelFactory m = rings == 0 ? withoutRings(model) : model;
            out.add(new Iteration(it.number(), KernelSkeleton.projection(it).map(p -> Conformance.check(p.events(), p.sources(), m, maxSchedules, Conformance.MAX_STEPS)), rings));
        }
        return out;
    }

    /**
     * The model of an iteration whose fio was killed before it created any ring (fio needs
     * ~0.3 s to set up 12 jobs): scenario 03's fio with its threads and open files and no ring,
     * which is the psync configuration. Scenario 03 otherwise assumes every ring holds requests.
     */
    static ModelFactory withoutRings(ModelFactory model) {
        if (!model.config().engine().equals("io_uring")) {
            return model;
        }
        return new ModelFactory(model.scenario(), model.config().withEngine("psync"), model.variant());
    }

    /** True when at least one iteration was tested and every tested one conforms. */
    public static boolean allConform(List<Iteration> its) {
        boolean any = false;
        for (Iteration i : its) {
            if (i.result().isPresent()) {
                any = true;
                if (!i.result().get().conforms()) {
                    return false;
                }
            }
        }
        return any;
    }
}
