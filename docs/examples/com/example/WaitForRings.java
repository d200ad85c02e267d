package com.example;

import fputsim.model.Kernel;
import fputsim.model.exit.Exit;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.trace.Event;
import fputsim.model.variant.Baseline618;

import java.util.List;

/**
 * A patch to review (the worked example of docs/modelling-a-patch.md): do_exit gains a step after
 * exit_task_work that waits until every io_uring ring of the exiting process has been freed by
 * its exit work. Only exit.c changes, so only {@link Exit#doExitSteps()} is overridden. There is
 * no footprint to declare: the ring's accessors (freed()) declare what the wait reads.
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
                return insertAfter(super.doExitSteps(), "exit_task_work",
                        ExitStep.of("io_uring_wait_rings", (t, cx) -> new WaitRings(k)));
            }
        };
    }

    /** What runs once the rings are freed; the follow-up patches add to it. */
    protected Frame afterRings(Kernel k, TaskStruct current) {
        return null;
    }

    /** io_uring_wait_rings(): sleeps until every ring this process submitted to is freed. */
    private final class WaitRings extends Frame {
        private final Kernel k;

        WaitRings(Kernel k) {
            this.k = k;
        }

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
        public String waitsFor() {
            return "every io_uring ring of the process to be freed by its exit work";
        }

        @Override
        public boolean step(TaskStruct t, fputsim.explore.StepContext cx) {
            k.emit(new Event.Step("io_uring_wait_rings: every ring freed"));
            Frame next = afterRings(k, t);
            if (next != null) {
                t.call(next);
            }
            return true;
        }
    }
}
