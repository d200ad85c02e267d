import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.model.ModelFactory;
import fputsim.model.scenario.ScenarioConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * dfs-optimal's own counters and the exploring thread's CPU time, for comparing explorer jars
 * (docs/performance.md section 11). Single-file source, so it runs against any fputsim jar:
 * {@code java -cp cli/target/fputsim.jar benchmarks/scripts/OptimalStat.java 3x2 exit-cancel-2026 [REPS]}
 * Scenario 03 at JOBSxIODEPTH; REPS explorations in one JVM (the first includes the JIT's warm-up).
 */
public class OptimalStat {
    public static void main(String[] a) {
        String[] jd = a[0].split("x");
        ScenarioConfig c = ScenarioConfig.defaults().withSize(Integer.parseInt(jd[0]), Integer.parseInt(jd[1]));
        ModelFactory f = ModelFactory.of("03", c, a[1]);
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        int reps = a.length > 2 ? Integer.parseInt(a[2]) : 1;
        for (int r = 0; r < reps; r++) {
            OptimalStrategy s = new OptimalStrategy();
            long t0 = t.getCurrentThreadCpuTime();
            Exploration x = Explorer.quiet().explore(f, s, Bounds.defaults());
            long t1 = t.getCurrentThreadCpuTime();
            System.out.printf("%s %s: schedules %d pruned %d steps %d | probes %d probeSteps %d races %d inserted %d infeasible %d | thread cpu %.2f s, %.3f ms per schedule%n",
                    a[0], a[1], x.stats().schedules(), x.stats().pruned(), x.stats().steps(), s.probes(), s.probeSteps(),
                    s.races(), s.inserted(), s.infeasible(), (t1 - t0) / 1e9, (t1 - t0) / 1e6 / x.stats().schedules());
        }
    }
}
