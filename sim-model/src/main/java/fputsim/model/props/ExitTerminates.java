package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;

/**
 * No deadlock, no unbounded run, and every killed process is reaped: an exit that waits for work
 * only it can run (task_work is LIFO and single-threaded per task) must be caught here.
 */
public final class ExitTerminates extends KernelProperty {
    public ExitTerminates() {
        super("ExitTerminates", "exit-hangs", "every killed process exits and is reaped; nothing deadlocks");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        if (moment == Moment.DEADLOCK || moment == Moment.STEP_BOUND) {
            return false;
        }
        if (moment != Moment.QUIESCENT) {
            return true;
        }
        for (SignalStruct g : k.processes) {
            for (TaskStruct t : g.threads()) {
                if (t.fatal_signal_pending() && !g.reaped()) {
                    return false;
                }
            }
        }
        return true;
    }
}
