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
     * io_req_local_work_add() sends a dying ring's DEFER_TASKRUN completions straight to the
     * fallback worker: 6.1 only (6.4 removed it).
     */
    public boolean dyingLocalWorkFallsBack() {
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
