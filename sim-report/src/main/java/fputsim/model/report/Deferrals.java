package fputsim.model.report;

import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deferred work as arrows: an item that appears on a deferred queue in the ledger after step
 * {@code from} (task_work_add, llist_add, queue_work) and leaves it at step {@code to} (the run:
 * task_work_run, llist_del_all, the worker starting the work). For task_work the arrow ends at
 * the matching task_work_run event, which may come a step after the batch was taken.
 * Derived from the ledger, not from event text, so every queue the ledger knows is covered.
 */
public final class Deferrals {
    /** One arrow; {@code to} is -1 (and {@code toActor} "") when the item never ran. */
    public record Flow(String queue, String item, String runBy, int from, String fromActor, int to, String toActor) {
        public boolean ran() {
            return to >= 0;
        }
    }

    private Deferrals() {
    }

    public static List<Flow> of(List<TraceEntry> trace, List<Ledger.Snapshot> ledger) {
        Map<String, Deque<Flow>> open = new LinkedHashMap<>();
        List<Flow> out = new ArrayList<>();
        List<Ledger.Pending> before = List.of();
        for (Ledger.Snapshot s : ledger) {
            List<Ledger.Pending> now = s.pending();
            for (Ledger.Pending p : minus(now, before)) {
                open.computeIfAbsent(key(p), x -> new ArrayDeque<>())
                        .addLast(new Flow(p.queue(), p.item(), p.runBy(), s.step(), s.actor(), -1, ""));
            }
            for (Ledger.Pending p : minus(before, now)) {
                Deque<Flow> q = open.get(key(p));
                if (q == null || q.isEmpty()) {
                    continue;
                }
                Flow f = q.removeFirst();
                int to = s.step();
                if (p.queue().startsWith("task_works(")) {
                    to = taskWorkRan(trace, s.actor(), p.item(), s.step());
                }
                out.add(new Flow(f.queue(), f.item(), f.runBy(), f.from(), f.fromActor(), to, s.actor()));
            }
            before = now;
        }
        open.values().forEach(out::addAll);
        out.sort((a, b) -> a.from() != b.from() ? Integer.compare(a.from(), b.from()) : Integer.compare(a.to(), b.to()));
        return out;
    }

    private static String key(Ledger.Pending p) {
        return p.queue() + "\u0000" + p.item();
    }

    /** The items of {@code a} not in {@code b}, as multisets. */
    private static List<Ledger.Pending> minus(List<Ledger.Pending> a, List<Ledger.Pending> b) {
        List<Ledger.Pending> rest = new ArrayList<>(b);
        List<Ledger.Pending> out = new ArrayList<>();
        for (Ledger.Pending p : a) {
            if (!rest.remove(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The step of the first task_work_run of {@code func} by {@code actor} at or after {@code step}. */
    private static int taskWorkRan(List<TraceEntry> trace, String actor, String func, int step) {
        for (TraceEntry e : trace) {
            if (e.step() >= step && e.actor().equals(actor) && e.event() instanceof Event.TaskWorkRan r && r.func().equals(func)) {
                return e.step();
            }
        }
        return step;
    }
}
