package fputsim.tests.property;

import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task_work order rule, read off a model trace: task_work_run takes a task's whole list with one xchg and
 * runs it newest first (LIFO, kernel/task_work.c since c82199061009); works added meanwhile wait for the next
 * batch. Kept apart from the model's properties because it is a statement about the trace, not the state.
 */
final class TaskWorkOrder {
    /** What the trace showed: the first out-of-order run (or null), and the largest batch taken. */
    record Verdict(String violation, int largestBatch) {
    }

    private TaskWorkOrder() {
    }

    static Verdict check(List<TraceEntry> trace) {
        Map<Integer, List<String>> queued = new TreeMap<>(); // pid -> works added since the last take, oldest first
        Map<String, Deque<String>> running = new TreeMap<>(); // actor -> the taken batch, in the order it must run
        int largest = 0;
        for (TraceEntry e : trace) {
            Event ev = e.event();
            if (ev instanceof Event.TaskWorkAdded a && a.result() == 0) {
                queued.computeIfAbsent(a.pid(), p -> new ArrayList<>()).add(a.func());
            } else if (ev instanceof Event.Step s && s.function().equals("task_work_run: took batch")) {
                List<String> batch = queued.getOrDefault(pidOf(e.actor()), new ArrayList<>());
                queued.remove(pidOf(e.actor()));
                Collections.reverse(batch);
                largest = Math.max(largest, batch.size());
                running.put(e.actor(), new ArrayDeque<>(batch));
            } else if (ev instanceof Event.TaskWorkRan r) {
                Deque<String> batch = running.get(e.actor());
                String expected = batch == null ? null : batch.poll();
                if (!r.func().equals(expected)) {
                    return new Verdict("step " + e.step() + ": " + e.actor() + " ran " + r.func() + ", but its batch runs "
                            + expected + " next (newest first)", largest);
                }
            }
        }
        return new Verdict(null, largest);
    }

    private static int pidOf(String actor) {
        return Integer.parseInt(actor.substring(actor.lastIndexOf('-') + 1));
    }
}
