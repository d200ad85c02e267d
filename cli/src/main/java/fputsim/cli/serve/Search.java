package fputsim.cli.serve;

import fputsim.explore.Bounds;
import fputsim.explore.Completeness;
import fputsim.explore.Execution;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Runner;
import fputsim.explore.Tally;
import fputsim.explore.strategy.ExhaustiveStrategy;
import fputsim.model.Kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The explorer's answers to the page: the shortest way found from the schedule so far to the goal
 * (a hint shows only its next step), and the verdict of the whole search. Both run the
 * exhaustive DFS (DPOR and sleep sets) within a budget, and say "no way" as a fact only when the
 * search was exhaustive.
 */
final class Search {
    /** @param schedules the budget of schedules; @param timeLimitNanos the budget of time (0: none) */
    record Budget(long schedules, long timeLimitNanos) {
    }

    /**
     * A hint: {@code actor} (with {@code values}) is the next step of the shortest way found, which
     * reaches the goal {@code stepsToGoal} steps from now; {@code actor} is -1 when none was found.
     */
    record Hint(int actor, int[] values, int stepsToGoal, long schedules, Completeness completeness) {
        boolean found() {
            return actor >= 0;
        }
    }

    private final LongSupplier ticker;

    Search(LongSupplier ticker) {
        this.ticker = ticker;
    }

    Hint hint(Play play, int[] prefix, int prefixSteps, Budget budget) {
        // sleep sets alone: its "none" is a proof, which DPOR's is not on the model (docs/explorer.md, point 7)
        ExhaustiveStrategy dfs = new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1);
        PrefixStrategy s = PrefixStrategy.then(prefix, dfs);
        Runner<Kernel> runner = new Runner<>(play.factory, play.maxSteps);
        long start = ticker.getAsLong();
        long schedules = 0;
        long stepBounded = 0;
        String stopped = null;
        Execution best = null;
        int bestAt = Integer.MAX_VALUE;
        List<Boolean> bestKinds = null;
        while (true) {
            if (!s.beginSchedule()) {
                break;
            }
            if (schedules >= budget.schedules()) {
                stopped = "schedule";
                break;
            }
            if (budget.timeLimitNanos() > 0 && ticker.getAsLong() - start >= budget.timeLimitNanos()) {
                stopped = "time";
                break;
            }
            Execution e = runner.run(s);
            if (e.ending() == fputsim.explore.Ending.PRUNED) {
                continue;
            }
            schedules++;
            if (e.ending() == fputsim.explore.Ending.STEP_BOUND) {
                stepBounded++;
            }
            int at = play.reachedAt(e);
            if (at > prefixSteps && at < bestAt) {
                best = e;
                bestAt = at;
                bestKinds = s.kinds();
            }
        }
        List<Completeness.Cut> cuts = new ArrayList<>();
        if (stepBounded > 0) {
            cuts.add(new Completeness.Cut(Completeness.Kind.STEP_BOUND, "max steps " + play.maxSteps + " reached by " + stepBounded + " schedules"));
        }
        if ("schedule".equals(stopped)) {
            cuts.add(new Completeness.Cut(Completeness.Kind.SCHEDULE_LIMIT, "max schedules " + budget.schedules() + " reached"));
        } else if ("time".equals(stopped)) {
            cuts.add(new Completeness.Cut(Completeness.Kind.TIME_LIMIT, "time limit " + Completeness.duration(budget.timeLimitNanos()) + " reached"));
        }
        Completeness c = new Completeness(cuts);
        if (c.exhaustive()) { // null for the sleep-set search; kept so that a change back to DPOR cannot claim a proof
            c = c.with(Completeness.reductionCut(dfs.name(), play.factory.footprintsDependOnValues()));
        }
        if (best == null) {
            return new Hint(-1, new int[0], 0, schedules, c);
        }
        int from = prefix.length;
        int to = from + 1;
        while (to < bestKinds.size() && !bestKinds.get(to)) {
            to++;
        }
        int[] d = best.decisions();
        return new Hint(d[from], Arrays.copyOfRange(d, from + 1, to), bestAt - prefixSteps, schedules, c);
    }

    /** The verdict of the goal's property over every schedule from the start. */
    record Verdict(String word, long violating, long total, Completeness completeness, List<String> others) {
    }

    Verdict verdict(Play play, Budget budget) {
        Explorer x = new Explorer(ticker, () -> false, st -> { }, Integer.MAX_VALUE);
        Exploration e = x.explore(play.factory, new ExhaustiveStrategy(ExhaustiveStrategy.Reduction.SLEEP, -1), // a proof (see hint)
                new Bounds(play.maxSteps, budget.schedules(), budget.timeLimitNanos(), false));
        Tally t = e.tallies().get(play.goal.property());
        List<String> others = new ArrayList<>();
        for (Tally o : e.tallies()) {
            if (o != t && o.violating() > 0) {
                others.add("Observation " + o.outcome() + " " + e.verdictWord(o) + " " + o.violating() + " " + (o.total() - o.violating()));
            }
        }
        return new Verdict(e.verdictWord(t), t.violating(), t.total(), e.completeness(), others);
    }
}
