package fputsim.model.iouring;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;

/**
 * Models: the SQPOLL thread (io_uring/sqpoll.c io_sq_thread, Linux 6.18), "iou-sqp-TID": a
 * PF_IO_WORKER thread of the process that submits on its behalf, so the requests' task is this
 * thread. On SIGKILL it leaves its loop and runs io_uring_cancel_generic(cancel_all=true, sqd),
 * which counts every inflight request (not only tracked ones) and runs task_work while it waits;
 * the requests' fputs are its own task_work, run before it exits, so before wait() returns. Its
 * do_exit shares the group's fd table (create_io_thread: CLONE_FILES), so it may close the fds.
 * At a clean exit it is stopped by io_ring_ctx_free (io_sq_thread_finish → io_sq_thread_stop:
 * SHOULD_STOP, then wait for sqd->exited, which it completes before its do_exit).
 * Leaves out: the submission loop, idle/wakeup, sharing one sqd between rings (IORING_SETUP_ATTACH_WQ).
 * Checked by: IoUringTest (sqpoll).
 */
public final class SqpollThread extends TaskStruct {
    public SqpollThread(Kernel kernel, int pid, SignalStruct group, int ownerPid) {
        super(kernel, pid, "iou-sqp-" + ownerPid, PF_IO_WORKER, group);
        group.threadStarted(false);
        group.files().get_files_struct(); // create_io_thread: CLONE_FILES
        call(new SqThread());
    }

    @Override
    public String name() {
        return comm + "-" + pid;
    }

    private IoUringTask tctx() {
        return ioUring();
    }

    /** The ring it polls (one sqd per ring here). */
    private IoRingCtx ring() {
        return tctx().rings().get(0);
    }

    private final class SqThread extends Frame {
        @Override
        public String function() {
            return "io_sq_thread";
        }

        @Override
        public boolean enabled(TaskStruct t) {
            return switch (pc) {
                case 0 -> t.fatal_signal_pending() || ring().sqThreadShouldStop();
                case 1 -> tctx().inflight() == 0 || TaskWork.task_work_pending(t);
                default -> true;
            };
        }

        @Override
        public boolean step(TaskStruct t, StepContext cx) {
            switch (pc) {
                case 0 -> {
                    kernel.emit(new Event.Step("io_sq_thread: fatal signal or SHOULD_STOP, io_uring_cancel_generic(cancel_all)"));
                    pc = 1;
                }
                case 1 -> {
                    if (tctx().inflight() == 0) {
                        ring().sqThreadExited(); // complete(&sqd->exited), then do_exit(0)
                        t.call(kernel.exit.ioThreadDoExit()); // do_exit: shares the fd table (CLONE_FILES)
                        return true;
                    } else {
                        t.call(kernel.taskWork.task_work_run()); // io_run_task_work() in the cancel loop
                    }
                }
            }
            return false;
        }
    }
}
