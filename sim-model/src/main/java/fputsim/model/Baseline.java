package fputsim.model;

/**
 * The kernel a variant starts from, as the rules that differ between the baselines on these
 * paths. A patch variant is written once and applies to either baseline ({@link Variant#on}):
 * the subsystems consult these rules where the two kernels' code differs, each rule naming the
 * commit that changed it (docs/kernel-notes.md, questions 1 and 2).
 */
public enum Baseline {
    /** Linux 6.18, the kernel of these machines. */
    V6_18("6.18"),
    /** Linux 6.1. */
    V6_1("6.1");

    public final String version;

    Baseline(String version) {
        this.version = version;
    }

    /**
     * tctx_task_work_run() hands a PF_EXITING task's whole list to the fallback worker
     * (io_fallback_tw(tctx, true)): since 6.2, until 878afd488384 (6.19) runs it inline with a
     * cancel flag. 6.1 runs it inline in exit_task_work.
     */
    public boolean exitingTaskWorkPunts() {
        return this != V6_1;
    }

    /**
     * io_req_local_work_add() of 6.1 (io_uring/io_uring.c@6.1-rc6 and @6.1.192): when its
     * llist_add makes ctx->work_llist non-empty and the submitting task is in io_uring's cancel
     * (tctx->in_idle, set by io_uring_cancel_generic from io_uring_files_cancel), it moves the
     * ring's local work at once (io_move_task_work_from_local). 6.4 removed it.
     */
    public boolean idleTaskLocalWorkMoves() {
        return this == V6_1;
    }

    /**
     * io_move_task_work_from_local() of 6.1 re-queues each request through the normal path
     * (__io_req_task_work_add(req, false): the task's task_list and task_work_add, the fallback
     * worker only when task_work_add fails); 6.18 sends them to the fallback (__io_fallback_tw).
     */
    public boolean localWorkMovesToTaskWork() {
        return this == V6_1;
    }

    /** The baseline named by its version ("6.1", "6.18"), or null. */
    public static Baseline of(String version) {
        for (Baseline b : values()) {
            if (b.version.equals(version)) {
                return b;
            }
        }
        return null;
    }
}
