package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.sched.CallbackHead;

/**
 * Every task_work item accepted by task_work_add runs exactly once, and an item refused with
 * -ESRCH never runs: runs never exceed adds, and at quiescence they are equal.
 */
public final class TaskWorkRunsOnceOrIsRejected extends KernelProperty {
    public TaskWorkRunsOnceOrIsRejected() {
        super("TaskWorkRunsOnceOrIsRejected", "task-work-lost-or-twice",
                "each accepted task_work item runs exactly once; a rejected one never runs");
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        for (CallbackHead c : k.callbacks) {
            if (c.runs() > c.adds() || (moment == Moment.QUIESCENT && c.runs() != c.adds())) {
                return false;
            }
        }
        return true;
    }
}
