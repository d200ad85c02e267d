package fputsim.model.report;

import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A model counterexample as Chrome Trace Event JSON for ui.perfetto.dev: process {@link #PID}
 * (1; a real capture goes in pid 2), one thread per actor in order of first appearance, step N
 * at {@code ts = N * 1000} microseconds (one step shows as one millisecond). Each step is a
 * slice named by its main event, with every event and the ledger after it in args; a work item
 * (workqueue_execute_start..end) and do_exit (first step..sched_process_exit) enclose their
 * steps; deferred work is a flow arrow from the step that queued it to the step that ran it
 * (flow events at the start of those steps' slices, in their category, so that both Perfetto and
 * Chrome DevTools draw them); every object's keys are written in a fixed order (the same token
 * gives the same bytes);
 * the violating step carries an instant event. otherData.anchor_us is the violation's ts, which
 * {@code fputsim overlay} lines up with a real capture's first EBUSY.
 */
public final class PerfettoJson {
    public static final int PID = 1;
    public static final long STEP_US = 1000;
    /** The category of step slices, and of the flow events bound to them. */
    public static final String STEP_CAT = "step";

    private PerfettoJson() {
    }

    public static String toJson(Counterexample cx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(cx, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void write(Counterexample cx, OutputStream out) {
        List<String> actors = cx.actors();
        try (ChromeTrace t = new ChromeTrace(out, "ms")) {
            t.process(PID, "fputsim model: " + cx.title(), PID);
            for (int i = 0; i < actors.size(); i++) {
                t.thread(PID, i + 1, actors.get(i), i + 1);
            }
            List<Item> items = new ArrayList<>();
            enclosing(items, cx, actors);
            steps(items, cx, actors);
            long id = 1;
            for (Deferrals.Flow f : cx.flows()) {
                if (!f.ran()) {
                    continue;
                }
                String name = f.queue() + ": " + f.item();
                long fid = id++;
                // Chrome DevTools binds a flow event only to a slice with the same ts, pid, tid and
                // cat; Perfetto binds it to the slice enclosing ts. So each end sits exactly at the
                // start of its step's slice, in that slice's category, with binding point "e".
                long from = stepTs(f.from());
                long to = stepTs(f.to());
                items.add(new Item(from, 2, 0, w -> w.flowStartEnclosing(PID, tid(actors, f.fromActor()), from, fid, name, STEP_CAT)));
                items.add(new Item(to, 2, 0, w -> w.flowEnd(PID, tid(actors, f.toActor()), to, fid, name, STEP_CAT)));
            }
            for (Counterexample.Violation v : cx.violations()) {
                int tid = tid(actors, actorOf(cx, v.step()));
                long ts = v.step() * STEP_US + STEP_US / 2;
                Map<String, Object> args = new LinkedHashMap<>(); // ordered: the same bytes on every run
                args.put("property", v.property());
                args.put("step", v.step());
                items.add(new Item(ts, 3, 0, w -> w.instant(PID, tid, ts, "violated: " + v.outcome(), "violation", "t", args)));
            }
            // Sorted by time; at one ts an enclosing slice comes before what it encloses.
            items.sort(Comparator.comparingLong(Item::ts).thenComparingInt(Item::order).thenComparingLong(i -> -i.dur()));
            items.forEach(i -> i.write().accept(t));
            Map<String, String> other = new LinkedHashMap<>();
            other.put("source", "fputsim model");
            other.put("title", cx.title());
            other.put("token", cx.token());
            other.put("anchor_us", Long.toString(Math.max(0, cx.violationStep()) * STEP_US));
            other.put("time", "step N is at ts N*1000 us");
            t.finish(other);
        }
    }

    /** Work items and do_exit as slices around their steps (whole steps: the steps sit inside). */
    /** One trace event to write, with what orders it. */
    private record Item(long ts, int order, long dur, Consumer<ChromeTrace> write) {
    }

    private static Item slice(int tid, long ts, long dur, String name, String cat, Map<String, ?> args) {
        return new Item(ts, 0, dur, w -> w.slice(PID, tid, ts, dur, name, cat, args));
    }

    private static void enclosing(List<Item> t, Counterexample cx, List<String> actors) {
        Map<String, Integer> workStart = new LinkedHashMap<>();
        Map<String, Integer> exitStart = new LinkedHashMap<>();
        int last = cx.steps();
        for (TraceEntry e : cx.trace()) {
            String a = e.actor();
            if (e.event() instanceof Event.WorkStarted) {
                workStart.put(a, e.step());
            } else if (e.event() instanceof Event.WorkFinished w && workStart.containsKey(a)) {
                int s = workStart.remove(a);
                t.add(slice(tid(actors, a), s * STEP_US, (e.step() - s + 1) * STEP_US, w.function(), "work", Map.of()));
            } else if (e.event() instanceof Event.ExitStep && !exitStart.containsKey(a)) {
                exitStart.put(a, e.step());
            } else if (e.event() instanceof Event.TaskExit && exitStart.containsKey(a)) {
                int s = exitStart.get(a);
                t.add(slice(tid(actors, a), s * STEP_US, (e.step() - s + 1) * STEP_US, "do_exit", "exit", Map.of()));
            }
        }
        for (Map.Entry<String, Integer> w : workStart.entrySet()) {
            String fn = "";
            for (TraceEntry e : cx.trace()) {
                if (e.actor().equals(w.getKey()) && e.step() == w.getValue() && e.event() instanceof Event.WorkStarted ws) {
                    fn = ws.function();
                }
            }
            t.add(slice(tid(actors, w.getKey()), w.getValue() * STEP_US, (last - w.getValue() + 1) * STEP_US, fn + " (unfinished)", "work", Map.of()));
        }
    }

    /** One slice per step (silent steps too, named "step N"), inset so enclosing slices nest strictly. */
    private static void steps(List<Item> t, Counterexample cx, List<String> actors) {
        for (Ledger.Snapshot s : cx.ledger()) {
            List<TraceEntry> es = new ArrayList<>();
            for (TraceEntry e : cx.trace()) {
                if (e.step() == s.step()) {
                    es.add(e);
                }
            }
            String name = "step " + s.step();
            List<String> lines = new ArrayList<>();
            for (TraceEntry e : es) {
                lines.add(e.event().name() + ": " + e.event().fields());
            }
            for (TraceEntry e : es) {
                if (e.event().summary()) {
                    name = Short.of(e.event());
                    break;
                }
            }
            if (name.startsWith("step ") && !es.isEmpty()) {
                name = Short.of(es.get(0).event());
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("step", s.step());
            args.put("events", lines);
            args.put("ledger", s.describe());
            t.add(slice(tid(actors, s.actor()), stepTs(s.step()), STEP_US * 9 / 10, name, STEP_CAT, args));
        }
    }

    /** Where step N's slice starts: inset, so that enclosing slices nest strictly. */
    static long stepTs(int step) {
        return step * STEP_US + STEP_US / 20;
    }

    static String actorOf(Counterexample cx, int step) {
        for (Ledger.Snapshot s : cx.ledger()) {
            if (s.step() == step) {
                return s.actor();
            }
        }
        return cx.actors().get(0);
    }

    private static int tid(List<String> actors, String actor) {
        return actors.indexOf(actor) + 1;
    }
}
