package fputsim.model.report;

import fputsim.model.trace.TraceEntry;

import java.util.List;
import java.util.Locale;

/**
 * Renders a model trace in the layout of /sys/kernel/tracing/trace: {@code TASK-PID [CPU] FLAGS
 * TIMESTAMP: event: fields}, the timestamp being the step number. {@link Detail#SUMMARY} keeps
 * the events that change a file or mount reference or a task's state and counts what it elides;
 * {@link Detail#FULL} adds the reference ledger after each step.
 */
public final class TraceText {
    /** How much of the trace to show. */
    public enum Detail { SUMMARY, STEPS, FULL }

    private TraceText() {
    }

    public static String line(TraceEntry e) {
        return String.format(Locale.ROOT, "%22s [%03d] ..... %6d.000000: %s: %s", e.actor(), e.cpu(), e.step(),
                e.event().name(), e.event().fields());
    }

    /** @param states the ledger after each step (index step-1), or null */
    public static String render(List<TraceEntry> trace, Detail detail, List<String> states) {
        StringBuilder sb = new StringBuilder();
        sb.append("# tracer: fputsim\n#\n#                  TASK-PID  CPU#  |||||  STEP\n");
        int elided = 0;
        int lastStep = 0;
        for (TraceEntry e : trace) {
            if (detail == Detail.SUMMARY && !e.event().summary()) {
                elided++;
                continue;
            }
            if (detail == Detail.FULL && states != null && e.step() != lastStep && lastStep > 0 && lastStep <= states.size()) {
                sb.append("#   ledger after step ").append(lastStep).append(": ").append(states.get(lastStep - 1)).append('\n');
            }
            lastStep = e.step();
            sb.append(line(e)).append('\n');
        }
        if (detail == Detail.FULL && states != null && lastStep > 0 && lastStep <= states.size()) {
            sb.append("#   ledger after step ").append(lastStep).append(": ").append(states.get(lastStep - 1)).append('\n');
        }
        if (elided > 0) {
            sb.append("# ").append(elided).append(" events elided (--detail steps shows them)\n");
        }
        return sb.toString();
    }
}
