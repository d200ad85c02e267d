package fputsim.model.variant;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.TaskStruct;

/**
 * Linux 6.1. Two differences from 6.18 on these paths, both from the source
 * (docs/kernel-notes.md, questions 1 and 2):
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
    public String kernelVersion() {
        return "6.1";
    }

    @Override
    public IoUring ioUring(Kernel k) {
        return new IoUring(k) {
            @Override
            protected boolean punt_on_exit(TaskStruct current) {
                return false;
            }

            @Override
            protected void io_req_local_work_add(TaskStruct current, IoKiocb req, StepContext cx) {
                if (req.ctx.dying()) {
                    if (req.ctx.fallbackLlist.llist_add(req, cx)) {
                        fputsim.model.sched.Kworker.queue_work(kernel, req.ctx.fallbackWork(), cx);
                    }
                    return;
                }
                super.io_req_local_work_add(current, req, cx);
            }
        };
    }
}
