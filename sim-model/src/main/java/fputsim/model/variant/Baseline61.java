package fputsim.model.variant;

import fputsim.model.Baseline;

/**
 * Linux 6.1. Three differences from 6.18 on these paths, all from the source
 * (docs/kernel-notes.md, questions 1 and 2, and §13), kept as {@link Baseline}'s rules so that any patch
 * variant applies to 6.1 too ({@code Variant.on(Baseline.V6_1)}, {@code --variant NAME@6.1}):
 * <ul>
 * <li>tctx_task_work has no PF_EXITING punt (it came in 6.2): the exiting task runs its io_uring
 * task_work inline in exit_task_work, each handler cancelling because the task is exiting.</li>
 * <li>io_req_local_work_add (6.1-rc6, 6.1.192), when it makes the ring's work_llist non-empty
 * while the submitter is in io_uring_cancel_generic (tctx->in_idle), moves the local work at once
 * (6.4 removed that).</li>
 * <li>io_move_task_work_from_local re-queues local work as the submitter's own task_work
 * (__io_req_task_work_add(req, false)); the fallback worker only when task_work_add fails.</li>
 * </ul>
 * The project brief described 6.1 as "PF_EXITING punts to fallback"; that is 6.2 to 6.18.
 */
public class Baseline61 extends Baseline618 {
    @Override
    public String name() {
        return "baseline-6.1";
    }

    @Override
    public String summary() {
        return "Linux 6.1: exiting task runs io_uring task_work inline; DEFER_TASKRUN local work of an exiting (in_idle) task re-queued as its task_work";
    }

    @Override
    public Baseline baseline() {
        return Baseline.V6_1;
    }
}
