package fputsim.model.variant;

import fputsim.model.Variant;

/**
 * Linux 6.18 as released: the model's defaults. An exiting task's io_uring task_work goes to the
 * fallback worker (io_fallback_tw(tctx, true) in tctx_task_work_run, since 6.2); DEFER_TASKRUN
 * completions wait on the ring's local list until io_ring_exit_work moves them to the fallback;
 * a final fput from a kworker goes through delayed_fput.
 * The project brief expected 6.18 to run the exiting task's io_uring task_work inline with a
 * cancel flag ("io_uring: unify task_work cancelation checks"); the source says that commit
 * (878afd488384) is in 6.19, so this variant follows 6.18's punt (see docs/kernel-notes.md).
 */
public class Baseline618 extends Variant {
    @Override
    public String name() {
        return "baseline-6.18";
    }

    @Override
    public String summary() {
        return "Linux 6.18: exiting task punts io_uring task_work to fallback; kworker fputs go through delayed_fput";
    }
}
