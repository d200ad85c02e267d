package fputsim.model.report;

/**
 * Where, in the Linux 6.18 tree, the functions named in reports live: for the narration and the
 * HTML step list. Only functions the model runs are listed; anything else says "see the model".
 */
public final class Sources {
    private Sources() {
    }

    /** The kernel file of a do_exit step, as "function, file". */
    public static String exitStep(String step) {
        return switch (step) {
            case "io_uring_files_cancel" -> "io_uring_files_cancel, io_uring/cancel.c";
            case "exit_signals" -> "exit_signals, kernel/signal.c";
            case "exit_mm" -> "exit_mm, kernel/exit.c";
            case "exit_files" -> "exit_files -> close_files, fs/file.c: every fd of the group is closed with fput";
            case "exit_fs" -> "exit_fs, fs/fs_struct.c";
            case "exit_task_work" -> "exit_task_work -> task_work_run, kernel/task_work.c: the last task_work runs and the list is closed";
            case "exit_notify" -> "exit_notify, kernel/exit.c";
            default -> step + ", kernel/exit.c";
        };
    }

    /** The file of a work function. */
    public static String work(String function) {
        return switch (function) {
            case "io_ring_exit_work", "io_fallback_req_func" -> "io_uring/io_uring.c";
            case "delayed_fput" -> "fs/file_table.c";
            case "delayed_mntput" -> "fs/namespace.c";
            default -> "";
        };
    }

    /** A kernel function's file, for the step list. */
    public static String file(String function) {
        String f = function.replaceAll("[(: ].*", "");
        return switch (f) {
            case "task_work_run", "task_work_add", "task_work" -> "kernel/task_work.c";
            case "get_signal", "exit_signals", "signal_generate" -> "kernel/signal.c";
            case "do_group_exit", "do_exit", "exit_mm", "exit_notify", "sched_process_exit", "sys_exit_wait4", "fork+exec" -> "kernel/exit.c";
            case "exit_files", "close_files" -> "fs/file.c";
            case "exit_fs" -> "fs/fs_struct.c";
            case "fput", "fput_final", "file_ref", "__fput", "delayed_fput", "____fput", "flush_delayed_fput" -> "fs/file_table.c";
            case "mntput", "sys_exit_umount", "sys_exit_mount", "umount2", "sys_enter", "__cleanup_mnt", "delayed_mntput" -> "fs/namespace.c";
            case "deactivate_super", "kill_block_super" -> "fs/super.c";
            case "io_uring_files_cancel", "io_uring_cancel_generic", "io_wq_put_and_exit" -> "io_uring/cancel.c";
            case "workqueue_queue_work", "workqueue_execute_start", "workqueue_execute_end" -> "kernel/workqueue.c";
            case "aio_complete_rw", "exit_aio", "iocb_destroy" -> "fs/aio.c";
            default -> f.startsWith("io_") || f.startsWith("tctx_") ? "io_uring/io_uring.c" : "";
        };
    }
}
