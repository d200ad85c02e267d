package fputsim.cli;

import fputsim.explore.Bounds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The model size a command picks when none is given: the largest jobs x iodepth, jobs growing
 * from 1 at the configured iodepth, whose search finished within the budget (a time,
 * 60 s by default, and optionally a schedule count). Each size gets the whole budget; the first
 * size that does not finish ends the growth, and the size before it is used (its results are the
 * ones reported: nothing is run twice). When even one job does not finish, one job is used and
 * its search reads as cut (Unseen, never Never).
 *
 * <p>The choice depends on the machine's speed when the budget is a time; the line that reports
 * it says so and names the options that reproduce it, and the JSON records the size chosen. With
 * a schedule budget and no time (tests), it depends on the program only.
 */
final class AutoSize {
    static final long DEFAULT_NANOS = 60_000_000_000L;

    private AutoSize() {
    }

    /** What each size gets: at most {@code nanos} by the command's clock (0: no time limit) and {@code schedules}. */
    record Budget(long nanos, long schedules) {
        String describe() {
            List<String> parts = new ArrayList<>();
            if (nanos > 0) {
                parts.add(fputsim.explore.Completeness.duration(nanos));
            }
            if (schedules < Long.MAX_VALUE) {
                parts.add(schedules + " schedules");
            }
            return String.join(" and ", parts);
        }

        /** The command's bounds, tightened to this budget. */
        Bounds apply(Bounds b) {
            long t = nanos == 0 ? b.timeLimitNanos() : b.timeLimitNanos() == 0 ? nanos : Math.min(nanos, b.timeLimitNanos());
            return new Bounds(b.maxSteps(), Math.min(b.maxSchedules(), schedules), t, b.stopOnViolation());
        }
    }

    /** One size tried: whether its search (every search, for compare) ran out (every schedule its strategy asks for; a DPOR search that is not a proof counts), its schedules, time, and what cut it. */
    record Attempt(int jobs, int iodepth, boolean finished, long schedules, long nanos, String cut) {
        String size() {
            return jobs + "x" + iodepth;
        }
    }

    /** What one size's search gave, as far as the choice is concerned. */
    record Outcome<R>(R result, boolean finished, long schedules, String cut) {
    }

    /** Runs the search at one size under the given bounds. */
    interface Trial<R> {
        Outcome<R> run(int jobs, int iodepth, Bounds bounds);
    }

    /** The size chosen, its result, and every size tried (the last one the first that did not finish, unless maxJobs was reached). */
    record Choice<R>(int jobs, int iodepth, R result, List<Attempt> attempts, Budget budget, int maxJobs) {
        Attempt chosen() {
            return attempts.stream().filter(a -> a.jobs == jobs).findFirst().orElseThrow();
        }

        /** The size that did not finish, or null (every size up to maxJobs did). */
        Attempt cut() {
            Attempt last = attempts.get(attempts.size() - 1);
            return last.finished ? null : last;
        }

        /** One line for people: the size, why, what was cut, and the options that reproduce the choice ({@code jobsOption} N, {@code depthOption} D). */
        String line(String jobsOption, String depthOption) {
            Attempt c = chosen();
            Attempt cut = cut();
            StringBuilder b = new StringBuilder("size " + c.size() + " (chosen automatically: ");
            if (!c.finished) {
                b.append("even 1 job did not finish within ").append(budget.describe()).append(": it was cut at ")
                        .append(c.schedules).append(" schedules (").append(c.cut).append("), so its verdicts are not proofs");
            } else {
                b.append("the largest that finished within ").append(budget.describe()).append(", ")
                        .append(c.schedules).append(" schedules in ").append(seconds(c.nanos));
                if (cut != null) {
                    b.append("; ").append(cut.size()).append(" was cut at ").append(cut.schedules).append(" schedules (").append(cut.cut).append(")");
                } else {
                    b.append("; ").append(maxJobs).append(" jobs is the most this configuration has");
                }
            }
            b.append(")");
            if (budget.nanos > 0) {
                b.append("; the choice depends on this machine's speed: ").append(jobsOption).append(' ').append(c.jobs).append(' ')
                        .append(depthOption).append(' ').append(c.iodepth).append(" reproduces it");
            }
            return b.toString();
        }
    }

    /** Grows jobs from 1 to {@code maxJobs} at {@code iodepth} while the search finishes within the budget. */
    static <R> Choice<R> choose(int iodepth, int maxJobs, Budget budget, Bounds bounds, LongSupplier clock, Trial<R> trial) {
        List<Attempt> attempts = new ArrayList<>();
        R chosen = null;
        int chosenJobs = 1;
        for (int jobs = 1; jobs <= maxJobs; jobs++) {
            long t0 = clock.getAsLong();
            Outcome<R> o = trial.run(jobs, iodepth, budget.apply(bounds));
            attempts.add(new Attempt(jobs, iodepth, o.finished(), o.schedules(), clock.getAsLong() - t0, o.cut()));
            if (!o.finished()) {
                if (jobs == 1) {
                    chosen = o.result();
                }
                break;
            }
            chosen = o.result();
            chosenJobs = jobs;
        }
        return new Choice<>(chosenJobs, iodepth, chosen, List.copyOf(attempts), budget, maxJobs);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
