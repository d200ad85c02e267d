package fputsim.bench;

import fputsim.explore.Exploration;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the explorer did per benchmark operation, reported by JMH next to the primary score: in
 * throughput mode as rates (model steps per second, complete schedules per second, pruned
 * schedules per second). Steps count replayed prefixes too: stateless search re-runs them.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Work {
    public long steps;
    public long schedules;
    public long pruned;

    @Setup(Level.Iteration)
    public void clear() {
        steps = 0;
        schedules = 0;
        pruned = 0;
    }

    void add(Exploration x) {
        steps += x.stats().steps();
        schedules += x.stats().schedules();
        pruned += x.stats().pruned();
    }
}
