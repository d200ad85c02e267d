package fputsim.tests.property;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import fputsim.explore.Execution;
import fputsim.explore.Replay;
import fputsim.explore.Runner;
import fputsim.explore.strategy.ReplayStrategy;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated model cases for the property suites: a scenario with its configuration (jobs 1..2, iodepth 1..2,
 * direct, DEFER_TASKRUN, fixed files, io-wq, engine), a variant, and a schedule as a list of choices replayed
 * leniently (a choice that does not fit is mapped to the nearest enabled actor; after the list the running
 * actor keeps running). Where the kill lands relative to the completions is part of the schedule.
 */
final class ModelCases {
    static final int MAX_STEPS = 2_000;
    static final int MAX_CHOICE = 16;
    static final int MAX_SCHEDULE = 160;

    /** One generated case. Its toString is what QuickTheories prints for the shrunk counterexample. */
    record Case(String scenario, ScenarioConfig config, Variant variant, List<Integer> schedule) {
        ModelFactory factory() {
            return new ModelFactory(Scenarios.find(scenario), config, variant);
        }

        @Override
        public String toString() {
            return scenario + "/" + config.id() + "/" + variant.name() + " schedule=" + schedule;
        }
    }

    /** A case run once: the program in its final state and the schedule as it actually ran. */
    record Ran(Case c, Execution execution, Kernel kernel) {
        String replayCommand(long seed) {
            return "./fputsim replay " + Replay.tokenOf(c.factory(), "pbt", seed, MAX_STEPS, execution).encode();
        }

        boolean violates(String property) {
            return execution.violations().stream().anyMatch(v -> v.name().equals(property));
        }

        /** The kill was delivered while a request was still in flight (a completion or io-wq step came after it). */
        boolean killedWithRequestsInFlight() {
            boolean killed = false;
            for (TraceEntry e : kernel.trace) {
                if (e.event() instanceof Event.SignalDelivered) {
                    killed = true;
                } else if (killed && (e.actor().startsWith("irq/") || e.actor().startsWith("iou-wrk"))) {
                    return true;
                }
            }
            return false;
        }

        boolean tookDelayedFput() {
            return kernel.marks().containsKey("fput via delayed_fput");
        }
    }

    private ModelCases() {
    }

    static Gen<ScenarioConfig> configs() {
        Gen<Integer> jobs = integers().between(1, 2);
        Gen<Integer> depth = integers().between(1, 2);
        Gen<Boolean> flag = booleans().all();
        Gen<String> engine = Generate.pick(List.of("io_uring", "io_uring", "psync", "libaio"));
        return jobs.zip(depth, flag, flag, (j, d, direct, defer) -> new int[] {j, d, direct ? 1 : 0, defer ? 1 : 0})
                .zip(flag, integers().between(0, 2), engine, (a, fixed, iowq, e) -> new ScenarioConfig(a[0], a[1], a[2] == 1,
                        a[3] == 1, false, fixed, Math.min(iowq, a[1]), e));
    }

    /** Cases over {@code scenarios} and {@code variants} (a name listed twice is drawn twice as often). */
    static Gen<Case> cases(List<String> scenarios, List<Variant> variants) {
        Gen<List<Integer>> schedules = lists().of(integers().between(0, MAX_CHOICE - 1)).ofSizeBetween(0, MAX_SCHEDULE);
        return Generate.pick(scenarios).zip(configs(), Generate.pick(variants), schedules, Case::new);
    }

    static Ran run(Case c) {
        Runner<Kernel> runner = new Runner<>(c.factory(), MAX_STEPS);
        ReplayStrategy replay = new ReplayStrategy(c.schedule().stream().mapToInt(Integer::intValue).toArray(), false);
        replay.beginSchedule();
        Execution e = runner.run(replay);
        return new Ran(c, e, runner.lastProgram());
    }
}
