package fputsim.model.report;

import fputsim.model.props.KernelProperty;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fputsim explain}: a counterexample told in plain sentences, one paragraph per step that
 * changes a reference or a task's state, each naming the kernel function and the kernel source
 * file (Linux 6.18) the model step stands for, with what waits on which deferred queue.
 */
public final class Narration {
    private Narration() {
    }

    public static String render(Counterexample cx) {
        return render(cx, "");
    }

    /** As {@link #render(Counterexample)}, with {@code replayOptions} (e.g. {@code " --variant-class C"}) added to the replay line. */
    public static String render(Counterexample cx, String replayOptions) {
        StringBuilder sb = new StringBuilder();
        sb.append(wrap("What happens in " + cx.title() + ":", "")).append('\n');
        for (Ledger.Snapshot s : cx.ledger()) {
            List<String> said = new ArrayList<>();
            String function = null;
            for (TraceEntry e : Swimlane.entries(cx, s.step())) {
                String line = sentence(e);
                if (line != null) {
                    said.add(line);
                } else if (function == null && e.event() instanceof Event.Step st) {
                    function = st.function();
                }
            }
            List<String> notes = notes(cx, s.step());
            if (said.isEmpty() && notes.isEmpty()) {
                continue;
            }
            if (said.isEmpty()) {
                said.add(s.actor() + " runs " + (function == null ? "a step" : function) + ".");
            }
            sb.append(wrap("Step " + s.step() + ". " + String.join(" ", said), "    "));
            for (String n : notes) {
                sb.append(wrap("    " + n, "      "));
            }
            for (Counterexample.Violation v : cx.violations()) {
                if (v.step() == s.step()) {
                    sb.append(violation(cx, v));
                }
            }
        }
        sb.append("\nReplay it:\n  ./fputsim replay ").append(cx.token()).append(replayOptions).append(" --detail full\n");
        return sb.toString();
    }

    /** What the step did to the deferred queues: items moved from one to another, or newly queued. */
    private static List<String> notes(Counterexample cx, int step) {
        List<String> out = new ArrayList<>();
        for (Deferrals.Flow f : cx.flows()) {
            if (f.from() != step) {
                continue;
            }
            String from = null;
            for (Deferrals.Flow g : cx.flows()) {
                if (g.item().equals(f.item()) && g.ran() && g.toActor().equals(f.fromActor()) && g.to() == step && !g.queue().equals(f.queue())) {
                    from = g.queue();
                }
            }
            out.add((from != null ? "-> " + f.item() + " moves from " + from + " to " + f.queue()
                    : "-> " + f.item() + " now waits on " + f.queue()) + " (run by " + f.runBy() + ").");
        }
        return out;
    }

    private static String violation(Counterexample cx, Counterexample.Violation v) {
        StringBuilder sb = new StringBuilder();
        KernelProperty p = KernelProperty.byName(v.property());
        String why = p == null ? "" : ": " + p.description();
        sb.append(wrap("    !! This breaks " + v.outcome() + " (" + v.property() + ")" + why + (why.endsWith(".") ? "" : "."), "       "));
        for (String held : heldBy(cx, v)) {
            sb.append(wrap("       " + held, "       "));
        }
        return sb.toString();
    }

    /** "At this point /mnt has mnt_count=2, held by ...": who holds each mount at the violating step. */
    private static List<String> heldBy(Counterexample cx, Counterexample.Violation v) {
        List<String> out = new ArrayList<>();
        for (Ledger.Snapshot s : cx.ledger()) {
            if (s.step() == v.step()) {
                for (Ledger.Count c : s.counts()) {
                    if (c.counter().equals("mnt_count")) {
                        List<String> who = new ArrayList<>();
                        for (Ledger.Ref r : c.refs()) {
                            who.add(r.holder() + (r.droppedBy().isEmpty() ? "" : " (to be dropped by " + r.droppedBy() + ")"));
                        }
                        out.add("At this point " + c.object() + " has mnt_count=" + c.value() + ", held by " + String.join(", ", who) + ".");
                    }
                }
            }
        }
        return out;
    }

    /**
     * explain.txt's reason for the first violation as one sentence for the report page: for a busy
     * umount, who still holds the mount at that step (explain.txt's "At this point" sentence);
     * otherwise the rule broken. Null when nothing is violated.
     */
    public static String why(Counterexample cx) {
        if (cx.violations().isEmpty()) {
            return null;
        }
        Counterexample.Violation v = cx.violations().get(0);
        List<String> held = heldBy(cx, v);
        if (v.outcome().contains("busy") && !held.isEmpty()) {
            return "Why umount is busy: " + held.get(0).replaceFirst("^At this point ", "at step " + v.step() + ", ");
        }
        KernelProperty p = KernelProperty.byName(v.property());
        return "Why this is a violation: " + (p == null ? v.outcome() + " is violated." : p.description());
    }

    /** One sentence for an event, or null for the events a narration leaves to the trace. */
    static String sentence(TraceEntry te) {
        String who = te.actor();
        Event e = te.event();
        if (e instanceof Event.SignalDelivered s) {
            return who + " sends signal " + s.sig() + " (SIGKILL) to " + s.comm() + "-" + s.pid()
                    + "; every thread of the group will exit (__send_signal_locked, kernel/signal.c).";
        } else if (e instanceof Event.ExitStep s) {
            return who + " runs " + s.step() + " in do_exit (" + Sources.exitStep(s.step()) + ").";
        } else if (e instanceof Event.TaskExit t) {
            return who + " is dead" + (t.groupDead() ? ", the last thread of its group: the parent can now reap it" : "")
                    + " (exit_notify, kernel/exit.c).";
        } else if (e instanceof Event.TaskWorkAdded t) {
            return t.result() == 0 ? who + " queues " + t.func() + " as task_work on pid " + t.pid() + " (task_work_add, kernel/task_work.c)."
                    : who + "'s task_work_add of " + t.func() + " on pid " + t.pid() + " fails with " + Short.errno(t.result())
                    + ": the task has passed exit_task_work (kernel/task_work.c).";
        } else if (e instanceof Event.TaskWorkRan t) {
            return who + " runs the task_work " + t.func() + " (task_work_run, kernel/task_work.c).";
        } else if (e instanceof Event.WorkQueued w) {
            String in = Sources.work(w.function()).isEmpty() ? "" : "; " + w.function() + " is in " + Sources.work(w.function());
            return who + " queues " + w.function() + " on the " + w.workqueue() + " workqueue and does not wait for it (queue_work, kernel/workqueue.c"
                    + in + ").";
        } else if (e instanceof Event.WorkStarted w) {
            String in = Sources.work(w.function()).isEmpty() ? "" : "; " + Sources.work(w.function());
            return who + " starts " + w.function() + " (process_one_work, kernel/workqueue.c" + in + ").";
        } else if (e instanceof Event.RequestCompleted r) {
            return who + " completes request " + r.ring() + "." + r.req() + " on " + r.file() + " with "
                    + (r.res() < 0 ? Short.errno(r.res()) : r.res() + " bytes") + ", then frees it: io_free_req puts its file (io_uring/io_uring.c).";
        } else if (e instanceof Event.RingReleased r) {
            return who + " releases " + r.ring() + ": io_uring_release -> io_ring_ctx_wait_and_kill kills the ring's references"
                    + " and queues io_ring_exit_work, without waiting for the requests (io_uring/io_uring.c).";
        } else if (e instanceof Event.FileRef f) {
            return who + ": the reference to " + f.file() + " " + f.why() + "; f_count is now " + f.count()
                    + (f.why().startsWith("get") ? " (fget" : " (fput") + ", fs/file_table.c).";
        } else if (e instanceof Event.FinalFput f) {
            return switch (f.context()) {
                case "task_work" -> "That was the last reference: __fput_deferred queues ____fput of " + f.file()
                        + " as task_work on " + who + " (fs/file_table.c).";
                case "delayed_fput" -> "That was the last reference, and " + who + " cannot use task_work (a kernel thread or an"
                        + " interrupt, or a task past exit_task_work): __fput_deferred puts " + f.file()
                        + " on delayed_fput_list for the delayed_fput work (fs/file_table.c).";
                default -> "That was the last reference: __fput_sync releases " + f.file() + " right here (fs/file_table.c).";
            };
        } else if (e instanceof Event.FileReleased f) {
            return who + " runs __fput on " + f.file() + ": ->release, then mntput of its mount (fs/file_table.c).";
        } else if (e instanceof Event.DelayedFputRan d) {
            return who + " takes " + d.files() + (d.files() == 1 ? " file" : " files") + " off delayed_fput_list (delayed_fput, fs/file_table.c).";
        } else if (e instanceof Event.MntPut m) {
            return who + " drops a reference to " + m.mount() + "; mnt_count is now " + m.count()
                    + (m.slowPath() ? " (mntput_no_expire slow path" : " (mntput") + ", fs/namespace.c).";
        } else if (e instanceof Event.SuperDeactivated s) {
            return who + " deactivates " + s.sb() + ", s_active " + s.active() + " (deactivate_super, fs/super.c).";
        } else if (e instanceof Event.BdevReleased b) {
            return who + " releases " + b.bdev() + " (kill_block_super, fs/super.c).";
        } else if (e instanceof Event.WaitReturned w) {
            return who + "'s wait4 returns " + w.pid() + ": the child is reaped and the shell moves on (do_wait, kernel/exit.c).";
        } else if (e instanceof Event.UmountReturned u) {
            return u.errno() == 0 ? "umount(2) of " + u.target() + " succeeds (path_umount -> do_umount, fs/namespace.c)."
                    : "umount(2) of " + u.target() + " returns " + u.errno() + " (" + Short.errno(u.errno()).substring(1)
                    + "): do_umount found the mount still referenced (propagate_mount_busy, fs/namespace.c).";
        } else if (e instanceof Event.MountReturned m) {
            return "mount(2) on " + m.target() + " returns " + (m.errno() == 0 ? "0" : m.errno() + " (" + Short.errno(m.errno()).substring(1) + ")")
                    + " (path_mount, fs/namespace.c).";
        } else if (e instanceof Event.ExclOpenReturned o) {
            return "the exclusive open of " + o.bdev() + " returns " + (o.errno() == 0 ? "0" : o.errno() + " (" + Short.errno(o.errno()).substring(1) + ")")
                    + " (blkdev_open -> bd_prepare_to_claim, block/bdev.c).";
        } else if (e instanceof Event.Syscall s) {
            return who + " calls " + s.call() + ".";
        }
        return null;
    }

    /** Wraps at 96 columns; the first line keeps its own leading spaces, the others get {@code indent}. */
    static String wrap(String text, String indent) {
        int lead = text.length() - text.stripLeading().length();
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(text.substring(0, lead));
        int start = line.length();
        for (String w : text.substring(lead).split(" ")) {
            if (line.length() > start && line.length() + 1 + w.length() > 96) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(w);
        }
        return sb.append(line).append('\n').toString();
    }
}
