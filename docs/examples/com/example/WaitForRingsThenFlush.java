package com.example;

import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;

/**
 * The follow-up: after the rings are freed, the exiting task also runs flush_delayed_fput(), so the
 * files the kworkers put are released in the task, before exit_notify.
 */
public class WaitForRingsThenFlush extends WaitForRings {
    @Override
    public String name() {
        return "wait-for-rings-then-flush";
    }

    @Override
    public String summary() {
        return "do_exit waits for the rings, then flushes delayed_fput";
    }

    @Override
    protected Frame afterRings(Kernel k, TaskStruct current) {
        return k.fileTable.new FlushDelayedFput();
    }
}
