package fputsim.model;

import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.explore.StepContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kernel/task_work.c as modelled: LIFO batches, -ESRCH after exit_task_work, later adds in the next batch. */
class TaskWorkTest {
    private static CallbackHead recording(String name, List<String> ran) {
        return new CallbackHead(name, t -> {
            ran.add(name);
            return null;
        });
    }

    @Test
    void task_work_run_threeQueuedItems_runsThemNewestFirst() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        List<String> ran = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            assertThat(k.taskWork.task_work_add(t, recording(n, ran), TaskWork.Notify.TWA_RESUME, Kit.CX)).isZero();
        }
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(ran).containsExactly("c", "b", "a");
    }

    @Test
    void task_work_add_afterExitTaskWork_failsWithEsrchAndNeverRuns() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        t.setFlag(TaskStruct.PF_EXITING);
        t.call(k.taskWork.task_work_run()); // exit_task_work: the empty swap installs work_exited
        Kit.runToIdle(t);
        List<String> ran = new ArrayList<>();
        CallbackHead late = recording("late", ran);
        assertThat(k.taskWork.task_work_add(t, late, TaskWork.Notify.TWA_SIGNAL, Kit.CX)).isEqualTo(-Errno.ESRCH);
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(ran).isEmpty();
        assertThat(late.rejects()).isEqualTo(1);
        assertThat(late.runs()).isZero();
    }

    @Test
    void task_work_run_itemQueuedByARunningItem_runsInTheNextBatchAfterTheOlderOnes() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        List<String> ran = new ArrayList<>();
        CallbackHead child = recording("child", ran);
        CallbackHead parent = new CallbackHead("parent", task -> {
            ran.add("parent");
            k.taskWork.task_work_add(task, child, TaskWork.Notify.TWA_RESUME, Kit.CX);
            return null;
        });
        k.taskWork.task_work_add(t, recording("old", ran), TaskWork.Notify.TWA_RESUME, Kit.CX);
        k.taskWork.task_work_add(t, parent, TaskWork.Notify.TWA_RESUME, Kit.CX);
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(ran).containsExactly("parent", "old", "child");
    }

    @Test
    void task_work_add_withTwaSignal_setsNotifySignalButTwaResumeDoesNot() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        k.taskWork.task_work_add(t, recording("r", new ArrayList<>()), TaskWork.Notify.TWA_RESUME, Kit.CX);
        assertThat(t.notifySignal()).isFalse();
        k.taskWork.task_work_add(t, recording("s", new ArrayList<>()), TaskWork.Notify.TWA_SIGNAL, Kit.CX);
        assertThat(t.notifySignal()).isTrue();
    }

    @Test
    void task_work_run_notExiting_leavesTheMailboxOpen() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(k.taskWork.task_work_add(t, recording("x", new ArrayList<>()), TaskWork.Notify.TWA_RESUME, Kit.CX)).isZero();
    }

    /** Keeps Frame and StepContext imports honest for readers: a callback may return a frame to call. */
    @Test
    void task_work_run_callbackReturningAFrame_runsThatFrameBeforeTheNextItem() {
        Kernel k = Kit.kernel();
        TaskStruct t = Kit.task(k, 100, "app");
        List<String> ran = new ArrayList<>();
        CallbackHead withFrame = new CallbackHead("outer", task -> new Frame() {
            @Override public String function() { return "inner"; }
            @Override public boolean step(TaskStruct c, StepContext cx) { ran.add("inner"); return true; }
        });
        k.taskWork.task_work_add(t, recording("first", ran), TaskWork.Notify.TWA_RESUME, Kit.CX);
        k.taskWork.task_work_add(t, withFrame, TaskWork.Notify.TWA_RESUME, Kit.CX);
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(ran).containsExactly("inner", "first");
    }
}
