/*
 * KernelSkeleton: cuts a traced run (one tracefs capture for all iterations) into iterations at
 * the helper's "fputsim iter=N start" markers, and projects one iteration onto the Projection.
 * A tracefs instance sees the whole host, and other fio runs may share it, so events are
 * attributed: the helper is the task that wrote the start marker; ours are the helper, its
 * descendants (sched_process_fork, which also fires for fio's job threads) and io threads named
 * after one of them; KILL, WAIT_RETURNED and UMOUNT are the helper's own syscalls; an
 * io_ring_exit_work is ours when one of ours queued it, an io_fallback_req_func when one of ours
 * or a kworker running our exit work queued it (tied by the hashed work_struct pointer). The
 * helper's first successful umount ends the iteration (what follows is the harness's next mount).
 * Without fork events (a capture made before they were enabled) every fio exit and work item is
 * taken as ours. Without group_dead in sched_process_exit (kernels before 6.16, e.g. 6.1 under
 * qemu) the group's last exit is our fio's last exit before wait4 returned it.
 * A fallback queued from a timer (6.1's delayed fallback_work) cannot be attributed either: taken
 * as ours unless a fio task or a kworker running another work queued it.
 * An iteration without a kill (kernel run --exit-mode: the reaper's "no-kill-wait" marker) has as
 * its workload the helper's forked child (fio, or fputsim-close-ring) and is projected from its
 * teardown (Projection.teardown): the first io_ring_exit_work one of ours queued (close(2) of a
 * ring: io_uring_release@v6.18.32) or the workload's group-dead exit, whichever comes first.
 * Leaves out: delayed_fput's attribution (one global work item: any run's counts), fio exits
 * before the kill or the teardown (fio's setup threads), no-kill captures without fork events.
 * Checked by: ProjectionTest (incl. a concurrent run's events), ConformanceTest.
 */
package fputsim.kernel.conform;

import fputsim.kernel.TraceEvent;
import fputsim.kernel.TraceLine;
import fputsim.model.trace.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class KernelSkeleton {
    private static final Pattern START = Pattern.compile("fputsim iter=(\\d+) start\\b.*");
    private static final Pattern NO_KILL = Pattern.compile("fputsim iter=(\\d+) no-kill-wait\\b.*");
    private static final Pattern IO_THREAD = Pattern.compile("iou-(?:sqp|wrk)-(\\d+)");

    /** One iteration's lines, from its start marker up to the next one. */
    public record Iteration(int number, List<TraceLine> lines) {
    }

    private KernelSkeleton() {
    }

    public static List<Iteration> split(List<TraceLine> all) {
        List<Iteration> out = new ArrayList<>();
        int number = -1;
        List<TraceLine> cur = null;
        for (TraceLine l : all) {
            if (l.event() instanceof TraceEvent.Marker m) {
                Matcher mm = START.matcher(m.text().strip());
                if (mm.matches()) {
                    if (cur != null) {
                        out.add(new Iteration(number, List.copyOf(cur)));
                    }
                    number = Integer.parseInt(mm.group(1));
                    cur = new ArrayList<>();
                }
            }
            if (cur != null) {
                cur.add(l);
            }
        }
        if (cur != null) {
            out.add(new Iteration(number, List.copyOf(cur)));
        }
        return out;
    }

    /** The skeleton of one iteration; empty when fio was neither killed nor torn down (nothing was tested). */
    public static Optional<List<Event>> of(Iteration it) {
        return projection(it).map(Projection::events);
    }

    /** The skeleton with, for each event, the trace line that produced it. */
    public static Optional<Projection> projection(Iteration it) {
        if (it.lines().isEmpty()) {
            return Optional.empty();
        }
        return new Attribution(it.lines()).project();
    }

    /**
     * How many io_uring rings our fio had created when it was killed (-1: not killed). With none,
     * fio was killed during its setup and the iteration exercised no io_uring exit path.
     */
    public static int ringsAtKill(Iteration it) {
        if (it.lines().isEmpty()) {
            return -1;
        }
        Attribution a = new Attribution(it.lines());
        int rings = 0;
        for (TraceLine l : it.lines()) {
            if (l.event() instanceof TraceEvent.RingCreated && a.ours(l.pid(), l.task())) {
                rings++;
            }
            a.feed(l, new Projection());
            if (a.fio >= 0) {
                return rings;
            }
        }
        return -1;
    }

    /**
     * The flags of the rings our fio created ("0x3108", sorted, comma separated; "" if none):
     * other runs' rings on a shared host are left out.
     */
    public static String ringFlags(List<TraceLine> all) {
        java.util.TreeSet<String> flags = new java.util.TreeSet<>();
        for (Iteration it : split(all)) {
            Attribution a = new Attribution(it.lines());
            for (TraceLine l : it.lines()) {
                a.feed(l, new Projection());
                if (l.event() instanceof TraceEvent.RingCreated rc && a.ours(l.pid(), l.task())) {
                    flags.add(String.format("0x%x", rc.flags()));
                }
            }
        }
        return String.join(",", flags);
    }

    /** Who is ours in one iteration, and the projection of what they did. */
    private static final class Attribution {
        private final List<TraceLine> lines;
        private final int helper;
        private final boolean forks;
        private final Set<Integer> family = new HashSet<>();
        private final Set<String> works = new HashSet<>();
        /** kworker pid -> the work it is running (queues made while running ours are ours). */
        private final Map<Integer, String> running = new HashMap<>();
        private int fio = -1;
        /** The iteration has the reaper's no-kill marker: the workload exits by itself. */
        private final boolean noKill;
        /** No kill: the helper's forked child, once seen (the workload); -1 before. */
        private int workload = -1;
        /** Lines fed so far; the index of the next one. */
        private int index;
        /**
         * Kernels before 6.16 print sched_process_exit without group_dead (6.1: "comm=fio pid=128
         * prio=120"; the tracepoint sits after exit_mm in do_exit@v6.1). There the group's last
         * exit is the last of our fio's exits before wait4 returns (wait4 reaps the leader only
         * once every thread is dead: delay_group_leader), at this line index; -1 when the
         * capture has group_dead (or no such exit).
         */
        private final int groupDeadAt;

        Attribution(List<TraceLine> lines) {
            this(lines, true);
        }

        private Attribution(List<TraceLine> lines, boolean findGroupDead) {
            this.lines = lines;
            this.helper = lines.get(0).pid();
            this.forks = lines.stream().anyMatch(l -> l.event() instanceof TraceEvent.Forked);
            this.noKill = lines.stream().anyMatch(l -> l.event() instanceof TraceEvent.Marker m && NO_KILL.matcher(m.text().strip()).matches());
            family.add(helper);
            this.groupDeadAt = findGroupDead ? lastExitBeforeWait(lines) : -1;
        }

        /** For a capture without group_dead: the index of our fio's last exit before wait4 returned it. */
        private static int lastExitBeforeWait(List<TraceLine> lines) {
            if (lines.stream().anyMatch(l -> l.event() instanceof TraceEvent.TaskExit x && x.groupDead())) {
                return -1;
            }
            Attribution a = new Attribution(lines, false);
            Projection p = new Projection();
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                TraceLine l = lines.get(i);
                if (l.event() instanceof TraceEvent.TaskExit x && a.fio >= 0 && a.ours(l.pid(), x.comm())) {
                    last = i;
                }
                if (l.event() instanceof TraceEvent.WaitReturned w && a.fio >= 0 && l.pid() == a.helper
                        && w.reapedPid() == a.fio) {
                    break;
                }
                if (a.feed(l, p)) {
                    break;
                }
            }
            return last;
        }

        Optional<Projection> project() {
            Projection p = new Projection();
            for (TraceLine l : lines) {
                p.at(() -> describe(l));
                if (feed(l, p)) {
                    break;
                }
            }
            return fio < 0 ? Optional.empty() : Optional.of(p);
        }

        /** Feeds one line; true when the iteration is over (the helper unmounted). */
        private boolean feed(TraceLine l, Projection p) {
            TraceEvent e = l.event();
            int at = index++;
            if (e instanceof TraceEvent.Forked f) {
                if (family.contains(f.parentPid())) {
                    family.add(f.childPid());
                }
                if (noKill && workload < 0 && f.parentPid() == helper) {
                    workload = f.childPid();
                }
                return false;
            }
            if (e instanceof TraceEvent.SignalDelivered s) {
                if (!noKill && l.pid() == helper && s.sig() == 9 && fio < 0) {
                    fio = s.pid();
                    p.kill();
                }
                return false;
            }
            if (noKill && fio < 0 && workload >= 0 && teardown(l, at)) {
                fio = workload;
                p.teardown();
            }
            if (fio < 0) {
                return false; // nothing before the kill (or the teardown) counts
            } else if (e instanceof TraceEvent.TaskExit x) {
                if (ours(l.pid(), x.comm())) {
                    p.threadExited(x.groupDead() || at == groupDeadAt);
                }
            } else if (e instanceof TraceEvent.WorkQueued q) {
                boolean byUs = ours(l.pid(), l.task()) || works.contains(running.get(l.pid()));
                if (byUs || !forks || byTimer(l, q)) {
                    works.add(q.work());
                    p.workQueued(q.function());
                }
            } else if (e instanceof TraceEvent.WorkStarted s) {
                running.put(l.pid(), s.work());
                if (s.function().equals("delayed_fput") || works.contains(s.work()) || !forks) {
                    p.workStarted(s.function());
                }
            } else if (e instanceof TraceEvent.WorkFinished) {
                running.remove(l.pid());
            } else if (e instanceof TraceEvent.WaitReturned w && l.pid() == helper && w.reapedPid() == fio) {
                p.waitReturned();
            } else if (e instanceof TraceEvent.UmountReturned u && l.pid() == helper) {
                p.umountReturned(-u.errno());
                return u.errno() == 0 && p.umounted();
            }
            return false;
        }

        /**
         * A run without a kill begins its teardown here: one of ours queues a ring's
         * io_ring_exit_work (its close(2): io_uring_release → io_ring_ctx_wait_and_kill@v6.18.32),
         * or the workload's group dies (a workload that closes no ring).
         */
        private boolean teardown(TraceLine l, int at) {
            if (l.event() instanceof TraceEvent.WorkQueued q) {
                return q.function().equals("io_ring_exit_work") && ours(l.pid(), l.task());
            }
            return l.event() instanceof TraceEvent.TaskExit x && ours(l.pid(), x.comm()) && (x.groupDead() || at == groupDeadAt);
        }

        /**
         * A fallback queued by the timer of its delayed work: 6.1 queues ctx->fallback_work with
         * schedule_delayed_work(..., 1) (io_req_task_work_add@v6.1), so its queue event fires in
         * softirq context, in whatever task the timer interrupted (idle, ksoftirqd, rcu_preempt).
         * Like delayed_fput it cannot be attributed; it is taken as ours unless the queuer is a
         * fio or io thread (another run's fio queues its own) or a kworker running another work.
         */
        private boolean byTimer(TraceLine l, TraceEvent.WorkQueued q) {
            if (!q.function().equals("io_fallback_req_func")) {
                return false;
            }
            String t = l.task();
            return !t.startsWith("fio") && !t.startsWith("iou-") && !running.containsKey(l.pid());
        }

        /** A task of our fio: a descendant of the helper, or an io thread named after one. */
        private boolean ours(int pid, String comm) {
            if (!forks) {
                return comm.startsWith("fio") || comm.startsWith("iou-");
            }
            if (pid != helper && family.contains(pid)) {
                return true;
            }
            Matcher m = IO_THREAD.matcher(comm);
            return m.matches() && (family.contains(Integer.parseInt(m.group(1))) || Integer.parseInt(m.group(1)) == pid);
        }
    }

    /** A short form of a line: task-pid [cpu] seconds: event. */
    static String describe(TraceLine l) {
        return String.format(java.util.Locale.ROOT, "%s-%d [%03d] %d.%06d: %s", l.task(), l.pid(), l.cpu(),
                l.timestampNs() / 1_000_000_000L, l.timestampNs() % 1_000_000_000L / 1000, l.event());
    }
}
