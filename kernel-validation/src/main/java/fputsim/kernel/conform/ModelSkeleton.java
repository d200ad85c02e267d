/*
 * ModelSkeleton: projects a model run's trace (Kernel.trace, read incrementally while the run
 * goes on) onto the Projection. fio is the model's thread group named "fio"; a thread of it
 * passes the sched_process_exit point at its do_exit step exit_mm (kernel/exit.c 6.16+ fires
 * trace_sched_process_exit right before exit_mm; the model's own TaskExit event sits at
 * exit_notify, later); an io thread (SQPOLL, io-wq) runs the same do_exit with its own exit_mm
 * step (Exit.ioThreadExitSteps), so it passes the point there too.
 * A run without a kill (scenarios 08 clean-exit and 09 close-ring-then-exit, whose workload
 * process is "fio" or "close-ring") is projected from its teardown, as KernelSkeleton does: the
 * first io_ring_exit_work queued (the workload's first close(2) of a ring) or the workload's
 * last thread past exit_mm, whichever comes first.
 * Leaves out: every model event the kernel capture cannot show (frames, refcounts, task_work).
 * Checked by: ConformanceTest.
 */
package fputsim.kernel.conform;

import fputsim.model.Kernel;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;
import java.util.ArrayList;
import java.util.List;

final class ModelSkeleton {
    private final Kernel kernel;
    private final Projection p = new Projection();
    private final List<String> fioThreads = new ArrayList<>();
    private final List<String> passed = new ArrayList<>();
    private final int fioTgid;
    private final boolean noKill;
    private int read;

    /** @param noKill project from the teardown (08, 09), not from the kill */
    ModelSkeleton(Kernel kernel, boolean noKill) {
        this.kernel = kernel;
        this.noKill = noKill;
        SignalStruct fio = null;
        for (SignalStruct g : kernel.processes) {
            if (g.comm.equals("fio") || (noKill && g.comm.equals("close-ring"))) {
                fio = g;
            }
        }
        if (fio == null) {
            throw new IllegalArgumentException("the model scenario has no fio process" + (noKill ? " (nor close-ring)" : ""));
        }
        fioTgid = fio.tgid;
        for (TaskStruct t : fio.threads()) {
            fioThreads.add(t.traceName());
        }
    }

    /** Feeds the trace entries added since the last call; returns the skeleton so far. */
    List<Event> advance() {
        List<TraceEntry> trace = kernel.trace;
        for (; read < trace.size(); read++) {
            feed(trace.get(read));
        }
        return p.events();
    }

    /** The projection with its source lines (model steps). */
    Projection projection() {
        advance();
        return p;
    }

    /** The entry takes the workload's last thread past the sched_process_exit point. */
    private boolean lastThreadPasses(TraceEntry te) {
        Event e = te.event();
        return ((e instanceof Event.ExitStep x && x.step().equals("exit_mm")) || e instanceof Event.TaskExit)
                && fioThreads.contains(te.actor()) && !passed.contains(te.actor()) && passed.size() + 1 == fioThreads.size();
    }

    private void feed(TraceEntry te) {
        Event e = te.event();
        p.at(() -> fputsim.model.report.TraceText.line(te).strip());
        if (noKill && !p.begun() && (e instanceof Event.WorkQueued q && q.function().equals("io_ring_exit_work")
                || lastThreadPasses(te))) {
            p.teardown();
        }
        if (e instanceof Event.SignalDelivered s && s.sig() == 9 && s.pid() == fioTgid) {
            if (!noKill) {
                p.kill();
            }
        } else if ((e instanceof Event.ExitStep x && x.step().equals("exit_mm")) || e instanceof Event.TaskExit) {
            if (fioThreads.contains(te.actor()) && !passed.contains(te.actor())) {
                passed.add(te.actor());
                p.threadExited(passed.size() == fioThreads.size());
            }
        } else if (e instanceof Event.WorkQueued q) {
            p.workQueued(q.function());
        } else if (e instanceof Event.WorkStarted s) {
            p.workStarted(s.function());
        } else if (e instanceof Event.WaitReturned w && w.pid() == fioTgid) {
            p.waitReturned();
        } else if (e instanceof Event.UmountReturned u) {
            p.umountReturned(u.errno());
        }
    }
}
