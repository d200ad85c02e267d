package fputsim.model.variant;

import fputsim.model.Baseline;

/**
 * Linux 6.1. Two differences from 6.18 on these paths, both from the source
 * (docs/kernel-notes.md, questions 1 and 2), kept as {@link Baseline}'s rules so that any patch
 * variant applies to 6.1 too ({@code Variant.on(Baseline.V6_1)}, {@code --variant NAME@6.1}):
 * <ul>
 * <li>tctx_task_work has no PF_EXITING punt (it came in 6.2): the exiting task runs its io_uring
 * task_work inline in exit_task_work, each handler cancelling because the task is exiting.</li>
 * <li>io_req_local_work_add sends DEFER_TASKRUN completions straight to the fallback worker once
 * the ring is dying (6.4 removed that).</li>
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
        return "Linux 6.1: exiting task runs io_uring task_work inline; dying DEFER_TASKRUN rings complete via fallback";
    }

    @Override
    public Baseline baseline() {
        return Baseline.V6_1;
    }
}
