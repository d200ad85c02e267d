package com.example;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.exit.Exit;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;
import fputsim.model.variant.Baseline618;

import java.util.ArrayList;
import java.util.List;

/**
 * A patch to review (the worked example of docs/modelling-a-patch.md): do_exit gains a step after
 * exit_task_work that waits until every io_uring ring of the exiting process has been freed by
 * its exit work. Only exit.c changes, so only {@link Exit#doExitSteps()} is overridden.
 */
public class WaitForRings extends Baseline618 {
    @Override
    public String name() {
        return "wait-for-rings";
    }

    @Override
    public String summary() {
        return "do_exit waits for the process's rings to be freed after exit_task_work";
    }

    @Override
    public Exit exit(Kernel k) {
        return new Exit(k) {
            @Override
            public List<ExitStep> doExitSteps() {
                List<ExitStep> steps = new ArrayList<>(super.doExitSteps());
                int at = 1 + steps.stream().map(ExitStep::name).toList().indexOf("exit_task_work");
                steps.add(at, new ExitStep() {
                    @Override
                    public String name() {
                        return "io_uring_wait_rings";
                    }

                    @Override
                    public Frame run(TaskStruct current, StepContext cx) {
                        return afterRingsFreed(kernel, current);
                    }
                });
                return steps;
            }
        };
    }

    /** What runs once the rings are freed; the follow-up patch adds to it. */
    protected Frame afterRings(Kernel k, TaskStruct current) {
        return null;
    }

    private Frame afterRingsFreed(Kernel k, TaskStruct current) {
        return new Frame() {
            @Override
            public String function() {
                return "io_uring_wait_rings";
            }

            @Override
            public boolean enabled(TaskStruct t) {
                for (IoRingCtx ctx : k.rings) {
                    if (ctx.submitterTask().group == t.group && !ctx.freed()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public boolean step(TaskStruct t, StepContext cx) {
                for (IoRingCtx ctx : k.rings) {
                    cx.reads(ctx.key);
                }
                k.emit(new Event.Step("io_uring_wait_rings: every ring freed"));
                Frame next = afterRings(k, t);
                if (next != null) {
                    t.call(next);
                }
                return true;
            }
        };
    }
}
