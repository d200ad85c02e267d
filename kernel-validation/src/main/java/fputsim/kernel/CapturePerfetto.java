/*
 * CapturePerfetto: a parsed real-kernel capture (FtraceParser -> TraceLine) as Chrome Trace Event
 * JSON, in the same shape as the model's (fputsim.model.report.PerfettoJson), so one file can hold
 * both: process 2, one thread per kernel pid, ts in microseconds from the first line, each event a
 * 1 us slice, a work item's execute_start..end a slice around its events, queue_work -> execute_start
 * of the same function as a flow arrow (first queued, first started: the parser drops work struct
 * pointers), and each umount that failed with EBUSY marked with an instant event.
 * otherData.anchor_us is the first EBUSY (or, with none, the first umount exit): overlay aligns on it.
 * Leaves out: raw fields of Other events beyond their text, CPU numbers (kept in args).
 * Checked by: CapturePerfettoTest on the 6.18 capture of FtraceParserTest.
 */
package fputsim.kernel;

import fputsim.kernel.TraceEvent.*;
import fputsim.model.Errno;
import fputsim.model.report.ChromeTrace;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class CapturePerfetto {
    public static final int PID = 2;

    private CapturePerfetto() {
    }

    public static String toJson(List<TraceLine> lines, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(lines, title, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void write(List<TraceLine> lines, String title, OutputStream out) {
        long t0 = lines.isEmpty() ? 0 : lines.get(0).timestampNs();
        try (ChromeTrace t = new ChromeTrace(out, "ms")) {
            t.process(PID, "real kernel: " + title, PID);
            List<Integer> pids = new ArrayList<>();
            for (TraceLine l : lines) {
                if (!pids.contains(l.pid())) {
                    pids.add(l.pid());
                    t.thread(PID, l.pid(), l.task() + "-" + l.pid(), pids.size());
                }
            }
            int[] end = workEnds(lines);
            int[] queuedBy = queuedBy(lines);
            boolean[] ran = new boolean[lines.size()];
            for (int b : queuedBy) {
                if (b >= 0) {
                    ran[b] = true;
                }
            }
            long anchor = -1;
            long firstUmount = -1;
            for (int i = 0; i < lines.size(); i++) {
                TraceLine l = lines.get(i);
                long ts = (l.timestampNs() - t0) / 1000;
                TraceEvent e = l.event();
                if (e instanceof WorkStarted w) {
                    // written at its start, so every track's events stay in time order
                    long last = (lines.get(end[i] >= 0 ? end[i] : lines.size() - 1).timestampNs() - t0) / 1000;
                    t.slice(PID, l.pid(), ts, Math.max(1, last - ts + 1), w.function() + (end[i] >= 0 ? "" : " (unfinished)"), "work", Map.of());
                    if (queuedBy[i] >= 0) {
                        // same ts, pid, tid and cat as this line's event slice (written next): Chrome DevTools binds only that way
                        t.flowEnd(PID, l.pid(), ts, queuedBy[i], w.function(), "event");
                    }
                }
                Map<String, Object> args = new LinkedHashMap<>(); // ordered: the same bytes on every run
                args.put("cpu", l.cpu());
                args.put("event", e.toString());
                t.slice(PID, l.pid(), ts, 1, label(e), "event", args);
                if (e instanceof WorkQueued w && ran[i]) {
                    // bound to the event slice just written (same ts, pid, tid, cat); the flow id is the queue line's index
                    t.flowStartEnclosing(PID, l.pid(), ts, i, w.function(), "event");
                } else if (e instanceof UmountReturned u) {
                    firstUmount = firstUmount < 0 ? ts : firstUmount;
                    if (u.errno() == Errno.EBUSY) {
                        anchor = anchor < 0 ? ts : anchor;
                        t.instant(PID, l.pid(), ts, "umount -> -EBUSY", "violation", "t", Map.of());
                    }
                }
            }
            Map<String, String> other = new LinkedHashMap<>();
            other.put("source", "real kernel capture (tracefs)");
            other.put("title", title);
            other.put("anchor_us", Long.toString(anchor >= 0 ? anchor : Math.max(0, firstUmount)));
            other.put("time", "ts is microseconds since the first line");
            t.finish(other);
        }
    }

    /**
     * For each workqueue_execute_start, the index of the queue_work it ran (the oldest one not yet
     * run, of the same function), or -1. Written before the lines, so both ends of an arrow are
     * known when either is written and every track stays in time order.
     */
    static int[] queuedBy(List<TraceLine> lines) {
        int[] by = new int[lines.size()];
        java.util.Arrays.fill(by, -1);
        Map<String, Deque<Integer>> queued = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            TraceEvent e = lines.get(i).event();
            if (e instanceof WorkQueued w) {
                queued.computeIfAbsent(w.function(), x -> new ArrayDeque<>()).addLast(i);
            } else if (e instanceof WorkStarted w && queued.containsKey(w.function()) && !queued.get(w.function()).isEmpty()) {
                by[i] = queued.get(w.function()).removeFirst();
            }
        }
        return by;
    }

    /** For each workqueue_execute_start, the index of its execute_end on the same pid, or -1. */
    static int[] workEnds(List<TraceLine> lines) {
        int[] end = new int[lines.size()];
        java.util.Arrays.fill(end, -1);
        Map<Integer, Integer> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            TraceEvent e = lines.get(i).event();
            if (e instanceof WorkStarted) {
                open.put(lines.get(i).pid(), i);
            } else if (e instanceof WorkFinished && open.containsKey(lines.get(i).pid())) {
                end[open.remove(lines.get(i).pid())] = i;
            }
        }
        return end;
    }

    /** A short name for a slice, in the words of the model's columns. */
    static String label(TraceEvent e) {
        if (e instanceof SignalDelivered s) {
            return "kill -" + s.sig() + " " + s.comm() + "-" + s.pid();
        } else if (e instanceof TaskExit x) {
            return x.groupDead() ? "exit: group dead" : "exit";
        } else if (e instanceof WorkQueued w) {
            return "queue_work " + w.function();
        } else if (e instanceof WorkStarted w) {
            return "run " + w.function();
        } else if (e instanceof WorkFinished w) {
            return "end " + w.function();
        } else if (e instanceof RequestCompleted r) {
            return "io_uring_complete -> " + r.res();
        } else if (e instanceof RingCreated r) {
            return String.format("io_uring_create flags 0x%x", r.flags());
        } else if (e instanceof WaitReturned w) {
            return "wait4 -> " + w.reapedPid();
        } else if (e instanceof UmountEntered) {
            return "umount2";
        } else if (e instanceof UmountReturned u) {
            return "umount -> " + (u.errno() == 0 ? "0" : u.errno() == Errno.EBUSY ? "-EBUSY" : "-" + u.errno());
        } else if (e instanceof MountEntered) {
            return "mount";
        } else if (e instanceof MountReturned m) {
            return "mount -> " + (m.errno() == 0 ? "0" : "-" + m.errno());
        } else if (e instanceof Marker m) {
            return m.text();
        } else if (e instanceof Other o) {
            return o.name();
        }
        return e.toString();
    }
}
