package fputsim.model.iouring;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

/**
 * Models: an io-wq worker (io_uring/io-wq.c, Linux 6.18), "iou-wrk-TID": a thread of the
 * submitter's thread group (PF_IO_WORKER, not PF_KTHREAD), blocked in a punted read. It finishes
 * the read, posts the completion to the request's task (io_req_task_work_add), then leaves its
 * loop when IO_WQ_BIT_EXIT is set or SIGKILL arrives: io_worker_exit puts its wq reference (the
 * last one completes worker_done, which io_wq_exit_workers waits for) and only then runs do_exit,
 * sharing the group's fd table (CLONE_FILES: it may be the one that closes every fd). The
 * parent's wait() waits for it like for any thread of the group.
 * Leaves out: worker creation, hashing, the acct lists, io_wq_cancel_cb on queued-but-unstarted
 * work (no request is queued and unstarted here).
 * Checked by: IoUringTest.
 */
public final class IoWqWorker extends TaskStruct {
    public IoWqWorker(Kernel kernel, int pid, SignalStruct group, IoKiocb req) {
        super(kernel, pid, "iou-wrk-" + req.tctx.task.pid, PF_IO_WORKER, group);
        group.threadStarted(false);
        group.files().get_files_struct(); // create_io_thread: CLONE_FILES
        call(new HandleWork(req));
    }

    @Override
    public String name() {
        return comm + "-" + pid;
    }

    /** io_worker_handle_work() on one request, then io_wq_worker's exit. */
    private final class HandleWork extends Frame {
        private final IoKiocb req;

        HandleWork(IoKiocb req) {
            this.req = req;
        }

        @Override
        public String function() {
            return "io_wq_worker";
        }

        @Override
        public boolean enabled(TaskStruct t) {
            return pc != 1 || req.tctx.ioWqExiting() || t.fatal_signal_pending();
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    kernel.emit(new Event.Step("io_wq_submit_work: read done (" + req.holder() + ")"));
                    kernel.ioUring.io_req_task_work_add(t, req, cx);
                    pc = 1;
                }
                case 1 -> {
                    // io_worker_exit@v6.18.32: io_worker_ref_put completes worker_done, then do_exit(0)
                    kernel.emit(new Event.Step("io_worker_exit: io_worker_ref_put"));
                    req.tctx.ioWorkerDone();
                    pc = 2;
                }
                default -> {
                    t.call(kernel.exit.ioThreadDoExit());
                    return true;
                }
            }
            return false;
        }
    }
}
