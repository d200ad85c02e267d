package fputsim.model;

import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.scenario.World;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** fs/file_table.c as modelled: where a final fput goes, and when the mount is unpinned. */
class FputTest {
    private static VfsMount mount(Kernel k) {
        World w = new World(k);
        return w.mount("/mnt", w.bdev("loop0"));
    }

    @Test
    void fput_finalPutFromUserTask_queuesFputAsTaskWorkAndReleasesOnTaskWorkRun() {
        Kernel k = Kit.kernel();
        VfsMount m = mount(k);
        TaskStruct t = Kit.task(k, 100, "app");
        File f = k.fileTable.open("f", m, "fd 3", null);
        assertThat(m.mnt_get_count()).isEqualTo(2);
        k.beginStep(t, Kit.CX);
        k.fileTable.fput(t, f, "fd 3", Kit.CX);
        assertThat(f.file_count()).isZero();
        assertThat(f.released()).isFalse();
        assertThat(k.fileTable.delayedFputList.llist_empty()).isTrue();
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t);
        assertThat(f.released()).isTrue();
        assertThat(m.mnt_get_count()).isEqualTo(1);
    }

    @Test
    void fput_finalPutFromKworker_goesToDelayedFputAndReleasesOnlyWhenItRuns() {
        Kernel k = Kit.kernel();
        VfsMount m = mount(k);
        File f = k.fileTable.open("f", m, "async", null);
        WorkStruct w = new WorkStruct(k.tracker, "put", "events", "put", false, () -> new fputsim.model.sched.Frame() {
            @Override public String function() { return "put"; }
            @Override public boolean step(TaskStruct c, fputsim.explore.StepContext cx) {
                k.fileTable.fput(c, f, "async", cx);
                return true;
            }
        });
        Kworker kw = k.newKworker(w);
        k.beginStep(kw, Kit.CX);
        Kworker.queue_work(k, w, Kit.CX);
        Kit.runToIdle(kw);
        kw.step(Kit.CX); // start the work
        Kit.runToIdle(kw);
        assertThat(f.file_count()).isZero();
        assertThat(f.released()).isFalse();
        assertThat(k.fileTable.delayedFputList.peek()).containsExactly(f);
        assertThat(k.fileTable.delayedFputWork.pending()).isTrue();
        assertThat(k.marks()).containsKeys("fput via delayed_fput", "fput from kthread");
        Kit.runAll(k);
        assertThat(f.released()).isTrue();
        assertThat(m.mnt_get_count()).isEqualTo(1);
    }

    @Test
    void fput_finalPutAfterExitTaskWork_fallsBackToDelayedFput() {
        Kernel k = Kit.kernel();
        VfsMount m = mount(k);
        TaskStruct t = Kit.task(k, 100, "app");
        File f = k.fileTable.open("f", m, "fd 3", null);
        t.setFlag(TaskStruct.PF_EXITING);
        t.call(k.taskWork.task_work_run());
        Kit.runToIdle(t); // work_exited installed
        k.beginStep(t, Kit.CX);
        k.fileTable.fput(t, f, "fd 3", Kit.CX);
        assertThat(k.fileTable.delayedFputList.peek()).containsExactly(f);
        assertThat(k.marks()).containsKeys("task_work_add -ESRCH", "fput via delayed_fput");
    }

    @Test
    void __fput_sync_lastReference_releasesInTheCaller() {
        Kernel k = Kit.kernel();
        VfsMount m = mount(k);
        TaskStruct t = Kit.task(k, 100, "app");
        File f = k.fileTable.open("f", m, "fd 3", null);
        k.beginStep(t, Kit.CX);
        k.fileTable.__fput_sync(t, f, "fd 3", Kit.CX);
        Kit.runToIdle(t);
        assertThat(f.released()).isTrue();
        assertThat(Kit.events(k)).contains(new Event.FinalFput("f", "sync"));
    }

    @Test
    void fput_notTheLastReference_releasesNothing() {
        Kernel k = Kit.kernel();
        VfsMount m = mount(k);
        TaskStruct t = Kit.task(k, 100, "app");
        File f = k.fileTable.open("f", m, "fd 3", null);
        k.beginStep(t, Kit.CX);
        k.fileTable.fget(f, "req", Kit.CX);
        k.fileTable.fput(t, f, "fd 3", Kit.CX);
        assertThat(f.file_count()).isEqualTo(1);
        assertThat(f.holders()).containsExactly("req");
        assertThat(t.idle()).isTrue();
    }
}
