package fputsim.tests.lincheck;

import fputsim.atomics.TaskWorks;
import fputsim.atomics.TaskWorks.CallbackHead;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * task_work_add and one pass of task_work_run are linearizable against a LIFO mailbox that closes on exit:
 * no work runs twice or is lost, a batch runs newest first, and an add after exit is rejected and never run.
 *
 * <p>{@code run()} and {@code exit()} are one pass of task_work_run()'s loop (one detaching cmpxchg, then the
 * batch). The whole loop is not linearizable as one operation: a work added while the first batch runs is
 * picked up by the second pass and so runs after older works, which no single atomic point explains. The loop
 * is checked sequentially by TaskWorksPropertyTest.
 */
class TaskWorksLincheckTest {

    @Param(name = "id", gen = IntGen.class, conf = "1:4")
    public static class Ops {
        private final TaskWorks task;

        public Ops() {
            this(new TaskWorks());
        }

        protected Ops(TaskWorks task) {
            this.task = task;
        }

        /** task_work_add from any context: 0 or -ESRCH. */
        @Operation
        public int add(@Param(name = "id") int id) {
            return task.taskWorkAdd(new IdWork(id));
        }

        /** One pass of task_work_run() (not exiting): the ids run, in the order they ran. */
        @Operation
        public List<Integer> run() {
            return ids(task.taskWorkRunOnce(false));
        }

        /** One pass of exit_task_work(): installs work_exited when the list is empty. */
        @Operation
        public List<Integer> exit() {
            return ids(task.taskWorkRunOnce(true));
        }

        private static List<Integer> ids(List<CallbackHead> ran) {
            List<Integer> out = new ArrayList<>(ran.size());
            for (CallbackHead w : ran) {
                out.add(((IdWork) w).id);
            }
            return out;
        }
    }

    /** A work whose func counts its runs; a second run throws, which Lincheck reports as a result mismatch. */
    static final class IdWork extends CallbackHead {
        final int id;
        final AtomicInteger runs = new AtomicInteger();

        IdWork(int id) {
            super(IdWork::func); /* non-capturing: keeps Lincheck's instrumentation of the lambda cheap */
            this.id = id;
        }

        private static void func(CallbackHead w) {
            IdWork work = (IdWork) w;
            if (work.runs.incrementAndGet() > 1) {
                throw new IllegalStateException("task_work " + work.id + " ran twice");
            }
        }
    }

    /** Sequential specification: a stack plus an "exited" flag; a pass returns the stack newest first. */
    public static class Spec {
        private final Deque<Integer> works = new ArrayDeque<>();
        private boolean exited;

        public int add(int id) {
            if (exited) {
                return -TaskWorks.ESRCH;
            }
            works.push(id);
            return 0;
        }

        public List<Integer> run() {
            List<Integer> batch = new ArrayList<>(works); /* LIFO within the batch */
            works.clear();
            return batch;
        }

        public List<Integer> exit() {
            if (works.isEmpty() && !exited) {
                exited = true; /* work_exited installed */
            }
            return run();
        }
    }

    @BeforeAll
    static void budget() {
        System.out.println(LincheckBudgets.describe());
    }

    @Test
    void taskWorks_modelChecking_linearizable() {
        LincheckBudgets.modelChecking().sequentialSpecification(Spec.class).check(Ops.class);
    }

    @Test
    void taskWorks_stress_linearizable() {
        LincheckBudgets.stress().sequentialSpecification(Spec.class).check(Ops.class);
    }
}
