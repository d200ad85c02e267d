/*
 * ModelSkeleton: projects a model run's trace (Kernel.trace, read incrementally while the run
 * goes on) onto the Projection. fio is the model's thread group named "fio"; a thread of it
 * passes the sched_process_exit point at its do_exit step exit_mm (kernel/exit.c 6.16+ fires
 * trace_sched_process_exit right before exit_mm; the model's own TaskExit event sits at
 * exit_notify, later); an io thread (SQPOLL, io-wq) runs the same do_exit with its own exit_mm
 * step (Exit.ioThreadExitSteps), so it passes the point there too.
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
    private int read;

    ModelSkeleton(Kernel kernel) {
        this.kernel = kernel;
        SignalStruct fio = null;
        for (SignalStruct g : kernel.processes) {
            if (g.comm.equals("fio")) {
                fio = g;
            }
        }
        if (fio == null) {
            throw new IllegalArgumentException("the model scenario has no fio process");
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

    private void feed(TraceEntry te) {
        Event e = te.event();
        p.at(() -> fputsim.model.report.TraceText.line(te).strip());
        if (e instanceof Event.SignalDelivered s && s.sig() == 9 && s.pid() == fioTgid) {
            p.kill();
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
