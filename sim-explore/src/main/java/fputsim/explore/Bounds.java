package fputsim.explore;

/**
 * Every bound of one exploration, echoed in report headers.
 *
 * @param maxSteps       steps per schedule; a schedule reaching it ends as {@link Ending#STEP_BOUND}
 * @param maxSchedules   schedules to run at most (exhaustive search stops early when exhausted)
 * @param timeLimitNanos wall-clock budget (0: none); measured with the injected ticker
 * @param stopOnViolation stop at the first schedule that violates a property
 */
public record Bounds(int maxSteps, long maxSchedules, long timeLimitNanos, boolean stopOnViolation) {
    public Bounds {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("max steps must be at least 1, got " + maxSteps);
        }
        if (maxSchedules < 1) {
            throw new IllegalArgumentException("max schedules must be at least 1, got " + maxSchedules);
        }
        if (timeLimitNanos < 0) {
            throw new IllegalArgumentException("time limit must not be negative");
        }
    }

    public static Bounds defaults() {
        return new Bounds(2_000, 10_000_000, 0, false);
    }

    public Bounds withStopOnViolation(boolean stop) {
        return new Bounds(maxSteps, maxSchedules, timeLimitNanos, stop);
    }

    public Bounds withMaxSchedules(long n) {
        return new Bounds(maxSteps, n, timeLimitNanos, stopOnViolation);
    }

    public String describe() {
        return "max-steps=" + maxSteps + " max-schedules=" + maxSchedules
                + " time-limit=" + (timeLimitNanos == 0 ? "none" : (timeLimitNanos / 1_000_000) + "ms")
                + " stop-on-violation=" + stopOnViolation;
    }
}
