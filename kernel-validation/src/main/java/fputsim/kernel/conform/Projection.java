/*
 * Projection: the observable skeleton of one kill-wait-umount iteration, the part of a trace
 * that both a real tracefs capture and a model trace can show, written in the model's event
 * vocabulary (fputsim.model.trace.Event) so that the two compare with equals().
 *
 * Compared, in the order they first happen after the kill (each at most once):
 *   signal_generate sig=9 to fio                   KILL
 * or, in a run without a kill (kernel run --exit-mode fio-completes | close-ring, scenarios 08 and
 * 09), after the teardown: the workload's first close(2) of a ring (io_uring_release →
 * io_ring_ctx_wait_and_kill → queue_work(iou_wq, &ctx->exit_work)@v6.18.32, so the first
 * EXIT_WORK_QUEUED opens the skeleton) or its group's last exit, whichever comes first; there is
 * no KILL event then, and the workload (fio, or fputsim-close-ring) is "fio":
 *   the last fio thread passes sched_process_exit   FIO_EXITED   (kernel: group_dead=true;
 *       model: the last thread of the group to reach do_exit's exit_mm step, where 6.16+ fires
 *       the tracepoint; io threads count at their exit)
 *   first workqueue_queue_work io_ring_exit_work    EXIT_WORK_QUEUED
 *   first workqueue_execute_start io_ring_exit_work EXIT_WORK_STARTED
 *   first workqueue_execute_start io_fallback_req_func  FALLBACK_STARTED
 *   first workqueue_execute_start delayed_fput      DELAYED_FPUT_STARTED
 *   wait4 returns fio's pid                          WAIT_RETURNED
 *   the first umount after that, with its errno      UMOUNT(errno)
 * Pids are canonicalised to 0 ("the fio process") and the mount target to the model's /mnt.
 * Leaves out: how many threads, rings, requests and work items there are (12 x 2 on the host,
 * fewer in the model), the order among threads, queue events of delayed works (the kernel
 * traces them when the timer fires, the model when they are scheduled), request completions,
 * umount retries (the model's shell tries once) and everything before the kill or the teardown
 * (fio's I/O loop: its data fds' closes are not traced, nor needed: close(2)'s final put is
 * synchronous, fput_close_sync@v6.18.32).
 * Checked by: ProjectionTest, ConformanceTest.
 */
package fputsim.kernel.conform;

import fputsim.model.trace.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public final class Projection {
    public static final Event KILL = new Event.SignalDelivered(9, 0, "fio");
    public static final Event FIO_EXITED = new Event.TaskExit("fio", 0, true);
    public static final Event EXIT_WORK_QUEUED = new Event.WorkQueued("iou_exit", "io_ring_exit_work");
    public static final Event EXIT_WORK_STARTED = new Event.WorkStarted("io_ring_exit_work");
    public static final Event FALLBACK_STARTED = new Event.WorkStarted("io_fallback_req_func");
    public static final Event DELAYED_FPUT_STARTED = new Event.WorkStarted("delayed_fput");
    public static final Event WAIT_RETURNED = new Event.WaitReturned(0);

    /** UMOUNT(errno): errno as the model spells it (0, or -16 for EBUSY). */
    public static Event umount(int errno) {
        return new Event.UmountReturned("/mnt", errno);
    }

    private final List<Event> out = new ArrayList<>();
    private final List<Supplier<String>> where = new ArrayList<>();
    private Supplier<String> at = () -> "";
    private boolean begun;
    private boolean waited;
    private boolean umounted;

    /** The skeleton so far. */
    public List<Event> events() {
        return List.copyOf(out);
    }

    public int size() {
        return out.size();
    }

    /** The trace line that produced each event of {@link #events()}. */
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        for (Supplier<String> s : where) {
            out.add(s.get());
        }
        return out;
    }

    /** Names the trace line about to be fed (kept as the source of the event it produces). */
    public void at(Supplier<String> line) {
        at = line;
    }

    private void add(Event e) {
        out.add(e);
        where.add(at);
    }

    /** True once the first umount after wait was seen: later umounts are retries. */
    public boolean umounted() {
        return umounted;
    }

    public void kill() {
        if (!begun) {
            begun = true;
            add(KILL);
        }
    }

    /**
     * A run without a kill: its teardown begins here (the workload's first ring close, or its
     * last exit). No event of its own: the event that began it is fed next.
     */
    public void teardown() {
        begun = true;
    }

    /** True once the kill or the teardown was seen: events count from there. */
    public boolean begun() {
        return begun;
    }

    /** A fio thread passed sched_process_exit; {@code groupDead} for the last one. */
    public void threadExited(boolean groupDead) {
        if (groupDead) {
            once(FIO_EXITED);
        }
    }

    public void workQueued(String function) {
        if (function.equals("io_ring_exit_work")) {
            once(EXIT_WORK_QUEUED);
        }
    }

    public void workStarted(String function) {
        switch (function) {
            case "io_ring_exit_work" -> once(EXIT_WORK_STARTED);
            case "io_fallback_req_func" -> once(FALLBACK_STARTED);
            case "delayed_fput" -> once(DELAYED_FPUT_STARTED);
            default -> { }
        }
    }

    public void waitReturned() {
        if (begun && !waited) {
            waited = true;
            add(WAIT_RETURNED);
        }
    }

    /** @param errno 0 or negative (model spelling) */
    public void umountReturned(int errno) {
        if (waited && !umounted) {
            umounted = true;
            add(umount(errno));
        }
    }

    private void once(Event e) {
        if (begun && !out.contains(e)) {
            add(e);
        }
    }

    /** One line, e.g. {@code KILL < FIO_EXITED < ... < UMOUNT(-16) < DELAYED_FPUT_STARTED}. */
    public static String describe(List<Event> skeleton) {
        List<String> names = new ArrayList<>();
        for (Event e : skeleton) {
            names.add(label(e));
        }
        return names.isEmpty() ? "(empty)" : String.join(" < ", names);
    }

    public static String label(Event e) {
        if (e instanceof Event.UmountReturned u) {
            return "UMOUNT(" + u.errno() + ")";
        }
        if (e.equals(KILL)) return "KILL";
        if (e.equals(FIO_EXITED)) return "FIO_EXITED";
        if (e.equals(EXIT_WORK_QUEUED)) return "EXIT_WORK_QUEUED";
        if (e.equals(EXIT_WORK_STARTED)) return "EXIT_WORK_STARTED";
        if (e.equals(FALLBACK_STARTED)) return "FALLBACK_STARTED";
        if (e.equals(DELAYED_FPUT_STARTED)) return "DELAYED_FPUT_STARTED";
        if (e.equals(WAIT_RETURNED)) return "WAIT_RETURNED";
        return e.name() + ": " + e.fields();
    }

    /** Parses {@link #describe}'s form (for synthetic orders in tests and on the command line). */
    public static List<Event> parse(String text) {
        List<Event> out = new ArrayList<>();
        for (String part : text.split("<")) {
            String p = part.strip();
            Event e = switch (p) {
                case "KILL" -> KILL;
                case "FIO_EXITED" -> FIO_EXITED;
                case "EXIT_WORK_QUEUED" -> EXIT_WORK_QUEUED;
                case "EXIT_WORK_STARTED" -> EXIT_WORK_STARTED;
                case "FALLBACK_STARTED" -> FALLBACK_STARTED;
                case "DELAYED_FPUT_STARTED" -> DELAYED_FPUT_STARTED;
                case "WAIT_RETURNED" -> WAIT_RETURNED;
                default -> {
                    if (p.startsWith("UMOUNT(") && p.endsWith(")")) {
                        yield umount(Integer.parseInt(p.substring(7, p.length() - 1)));
                    }
                    throw new IllegalArgumentException("unknown skeleton event '" + p + "'");
                }
            };
            out.add(e);
        }
        return out;
    }
}
