package fputsim.tests.property;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import fputsim.atomics.TaskWorks;
import fputsim.atomics.TaskWorks.CallbackHead;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential properties of the whole task_work_run() loop and exit_task_work(): every added work runs exactly
 * once or is rejected with -ESRCH after exit; each batch runs newest first; works queued by a running work
 * run in the next pass of the same call.
 */
class TaskWorksPropertyTest {

    private static final long SEED = 0x7A5C_0618L;

    private static final int OP_ADD_CHAINED = 6;
    private static final int OP_RUN = 7;
    private static final int OP_EXIT = 8;

    /** A work that records its runs; a chained work queues one follow-up work (id + 1000) when it runs. */
    private static final class Work extends CallbackHead {
        final int id;
        int runs;
        Work followUp;

        Work(TaskWorks task, int id, boolean chained, List<Work> all) {
            super(w -> ((Work) w).func(task, all));
            this.id = id;
            if (chained) {
                followUp = new Work(task, id + 1000, false, all);
            }
        }

        private void func(TaskWorks task, List<Work> all) {
            runs++;
            if (followUp != null && task.taskWorkAdd(followUp) == 0) {
                all.add(followUp); /* func() may call task_work_add(): never rejected before exit completes */
            }
        }
    }

    /** Ops: 0..5 add a plain work, 6 adds a chained work, 7 is task_work_run(), 8 is exit_task_work(). */
    @Test
    void taskWorkRun_anySequence_eachWorkRunsOnceOrIsRejected() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(integers().between(0, OP_EXIT)).ofSizeBetween(0, 40))
                .checkAssert(TaskWorksPropertyTest::replay));
    }

    private static void replay(List<Integer> ops) {
        TaskWorks task = new TaskWorks();
        List<Work> accepted = new ArrayList<>();
        List<Work> rejected = new ArrayList<>();
        List<Work> pending = new ArrayList<>(); /* in add order */
        boolean exited = false;
        int nextId = 0;
        for (int op : ops) {
            if (op <= OP_ADD_CHAINED) {
                Work w = new Work(task, nextId++, op == OP_ADD_CHAINED, accepted);
                int err = task.taskWorkAdd(w);
                check(err == (exited ? -TaskWorks.ESRCH : 0), "task_work_add returned " + err, ops);
                (err == 0 ? accepted : rejected).add(w);
                if (err == 0) {
                    pending.add(w);
                }
            } else {
                boolean exiting = op == OP_EXIT;
                List<Integer> expected = exited ? List.of() : expectedRun(pending);
                List<Integer> ran = ids(task.taskWorkRun(exiting));
                check(ran.equals(expected), "ran " + ran + ", expected " + expected, ops);
                pending.clear();
                exited |= exiting;
                check(task.exited() == exited, "work_exited installed=" + task.exited(), ops);
            }
        }
        task.exitTaskWork();
        for (Work w : accepted) {
            check(w.runs == 1, "accepted work " + w.id + " ran " + w.runs + " times", ops);
        }
        for (Work w : rejected) {
            check(w.runs == 0, "rejected work " + w.id + " ran", ops);
        }
    }

    /** First pass: all pending works newest first; second pass: their follow-ups, newest (last queued) first. */
    private static List<Integer> expectedRun(List<Work> pending) {
        List<Work> batch = new ArrayList<>(pending);
        Collections.reverse(batch);
        List<Integer> out = new ArrayList<>();
        List<Integer> followUps = new ArrayList<>();
        for (Work w : batch) {
            out.add(w.id);
            if (w.followUp != null) {
                followUps.add(w.followUp.id);
            }
        }
        Collections.reverse(followUps);
        out.addAll(followUps);
        return out;
    }

    private static List<Integer> ids(List<CallbackHead> works) {
        List<Integer> out = new ArrayList<>();
        for (CallbackHead w : works) {
            out.add(((Work) w).id);
        }
        return out;
    }

    private static void check(boolean ok, String what, List<Integer> ops) {
        if (!ok) {
            throw new AssertionError(what + " for ops " + ops);
        }
    }
}
