package fputsim.explore;

import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.explore.strategy.ReplayStrategy;

import java.util.Arrays;

/**
 * Finds a smaller schedule that still violates the same property: fewer preemptions first, then
 * fewer steps. First, preemption-bounded exhaustive searches (bound 0, 1, ... below the
 * original's count, each within a budget of schedules) look for the fewest preemptions that
 * still violate. Then greedy edits of the decision list (delete a chunk, replace a decision by
 * "keep running the current actor" or by another actor) are replayed leniently and kept when
 * they shorten the schedule. An accepted candidate is re-recorded exactly as it ran, so the
 * result replays strictly.
 */
public final class Shrinker<P extends Program> {
    private final ProgramFactory<P> factory;
    private final Runner<P> runner;
    private final int maxAttempts;
    private int attempts;

    public Shrinker(ProgramFactory<P> factory, int maxSteps, int maxAttempts) {
        this.factory = factory;
        this.runner = new Runner<>(factory, maxSteps);
        this.maxAttempts = maxAttempts;
    }

    /** The original and the shrunk schedule, and how many replays the search took. */
    public record Result(Execution original, Execution shrunk, int attempts) {
    }

    public Result shrink(Execution original, int property) {
        attempts = 0;
        Execution best = original;
        for (int bound = 0; bound < original.preemptions(); bound++) {
            Execution found = fewestPreemptions(property, bound);
            if (found != null && better(found, best)) {
                best = found;
                break;
            }
        }
        boolean progress = true;
        while (progress && attempts < maxAttempts) {
            progress = false;
            for (int chunk = Math.max(1, best.decisions().length / 2); chunk >= 1 && attempts < maxAttempts; chunk /= 2) {
                for (int at = 0; at + chunk <= best.decisions().length && attempts < maxAttempts; ) {
                    Execution c = attempt(remove(best.decisions(), at, chunk), property);
                    if (better(c, best)) {
                        best = c;
                        progress = true;
                    } else {
                        at += chunk;
                    }
                }
            }
            for (int at = best.decisions().length - 1; at >= 0 && attempts < maxAttempts; at--) {
                if (at >= best.decisions().length) {
                    continue;
                }
                int[] d = best.decisions().clone();
                d[at] = -1;
                Execution c = attempt(d, property);
                if (better(c, best)) {
                    best = c;
                    progress = true;
                }
            }
        }
        return new Result(original, best, attempts);
    }

    /** The first schedule with at most {@code bound} preemptions that violates the property, within a share of the budget. */
    private Execution fewestPreemptions(int property, int bound) {
        ExhaustiveStrategy dfs = new ExhaustiveStrategy(false, bound);
        int budget = maxAttempts;
        while (budget-- > 0 && dfs.beginSchedule()) {
            attempts++;
            Execution e = runner.run(dfs);
            if (e.violates(property)) {
                return e;
            }
        }
        return null;
    }

    private Execution attempt(int[] decisions, int property) {
        attempts++;
        ReplayStrategy replay = new ReplayStrategy(decisions, false);
        replay.beginSchedule();
        Execution e = runner.run(replay);
        return e.violates(property) ? e : null;
    }

    private static boolean better(Execution c, Execution best) {
        if (c == null) {
            return false;
        }
        if (c.preemptions() != best.preemptions()) {
            return c.preemptions() < best.preemptions();
        }
        if (c.steps() != best.steps()) {
            return c.steps() < best.steps();
        }
        return c.decisions().length < best.decisions().length;
    }

    private static int[] remove(int[] d, int at, int n) {
        int[] out = Arrays.copyOf(d, d.length - n);
        System.arraycopy(d, at + n, out, at, d.length - at - n);
        return out;
    }

    public ProgramFactory<P> factory() {
        return factory;
    }
}
