package com.example;

import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;

/**
 * A broken follow-up (issue 14's measurement): after the rings are freed, flush delayed_fput only
 * if its work is not already pending: {@code if (!delayed_work_pending(&delayed_fput_work))
 * flush_delayed_fput();}. The pending work's files are then released by the kworker, after
 * wait() returned, so EBUSY stays Sometimes. Written against the accessors, the read of the
 * pending bit declares itself: the bug the issue measured (a forgotten {@code cx.reads} turning
 * this into a "Never (exhaustive)") cannot be written any more.
 */
public class WaitForRingsThenMaybeFlush extends WaitForRings {
    @Override
    public String name() {
        return "wait-for-rings-then-maybe-flush";
    }

    @Override
    public String summary() {
        return "do_exit waits for the rings, then flushes delayed_fput unless its work is pending";
    }

    @Override
    protected Frame afterRings(Kernel k, TaskStruct current) {
        if (k.fileTable.delayedFputWork.pending()) {
            return null; // delayed_work_pending(&delayed_fput_work): "it will run anyway"
        }
        return k.fileTable.new FlushDelayedFput();
    }
}
