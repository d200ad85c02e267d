package fputsim.model.fs;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.sched.Frame;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.WorkStruct;
import fputsim.model.trace.Event;

/**
 * Models: fs/file_table.c (Linux 6.18): fget, fput and its deferral (__fput_deferred), ____fput,
 * __fput, __fput_sync, delayed_fput and flush_delayed_fput.
 * The final fput from a user task is queued as ____fput task_work (TWA_RESUME); from a kthread,
 * from interrupt context, or from a task whose task_work is closed (-ESRCH after
 * exit_task_work) it goes to the global delayed_fput_list and delayed_fput_work is scheduled
 * (a delay of one jiffy, "some later step" here).
 * Leaves out: FMODE_OPENED (every file here was opened), fsnotify, eventpoll, locks, fasync,
 * RCU freeing; the file_ref_t fast paths (same semantics, one counter).
 * Checked by: FputTest, Scenario02 (the delayed_fput window).
 */
public class FileTable {
    protected final Kernel kernel;
    /** delayed_fput_list (global) and delayed_fput_work on system_wq. */
    public final Llist<File> delayedFputList;
    public final WorkStruct delayedFputWork;

    public FileTable(Kernel kernel) {
        this.kernel = kernel;
        this.delayedFputList = new Llist<>(kernel.tracker, "delayed_fput_list");
        this.delayedFputWork = new WorkStruct(kernel.tracker, "delayed_fput_work", "events", "delayed_fput", true, DelayedFput::new);
        kernel.newKworker(delayedFputWork);
    }

    /** Opens a file on a mount: f_count 1 for the opener, and +1 on the mount. */
    public File open(String name, VfsMount mnt, String holder, java.util.function.BiFunction<TaskStruct, File, Frame> release) {
        kernel.requireSetUp("opening ", name);
        File f = new File(name, mnt, release, this, kernel.tracker);
        f.get(holder);
        if (mnt != null) {
            kernel.namespace.mntget(mnt, "file " + name);
        }
        kernel.files.add(f);
        kernel.callbacks.add(f.fTaskWork);
        return f;
    }

    /** fget(): takes a reference (the caller knows the file is alive). */
    public void fget(File f, String holder, StepContext cx) {
        int count = f.get(holder);
        kernel.emit(new Event.FileRef(f.name, count, "get by " + holder));
    }

    /**
     * fput(): drops {@code holder}'s reference; the final put is deferred (__fput_deferred):
     * task_work on a user task, delayed_fput otherwise.
     */
    public void fput(TaskStruct current, File f, String holder, StepContext cx) {
        if (drop(f, holder, cx)) {
            fputDeferred(current, f, cx);
        }
    }

    /** The refcount drop; true when it was the last reference. */
    protected boolean drop(File f, String holder, StepContext cx) {
        int count = f.put(holder);
        kernel.emit(new Event.FileRef(f.name, count, "put by " + holder));
        return count == 0;
    }

    /** __fput_deferred(): ____fput as task_work if current may use it, else delayed_fput. */
    protected void fputDeferred(TaskStruct current, File f, StepContext cx) {
        if (!current.inInterrupt() && current.taskWorkCapable()) {
            if (kernel.taskWork.task_work_add(current, f.fTaskWork, TaskWork.Notify.TWA_RESUME, cx) == 0) {
                kernel.emit(new Event.FinalFput(f.name, "task_work"));
                return;
            }
        }
        kernel.mark("fput via delayed_fput");
        if (current.isKthread()) {
            kernel.mark("fput from kthread");
        }
        kernel.emit(new Event.FinalFput(f.name, "delayed_fput"));
        if (delayedFputList.llist_add(f, cx)) {
            Kworker.queue_work(kernel, delayedFputWork, cx);
        }
    }

    /**
     * __fput_sync(): drops the reference and, if it was the last, runs __fput in the caller before
     * returning: the caller's own continuation must go in {@link TaskStruct#andThen}.
     */
    public void __fput_sync(TaskStruct current, File f, String holder, StepContext cx) {
        if (drop(f, holder, cx)) {
            kernel.emit(new Event.FinalFput(f.name, "sync"));
            current.call(new Fput(f));
        }
    }

    /** ____fput / __fput: ->release, then dput and mntput (the file stops pinning its mount). */
    public final class Fput extends Frame {
        private final File f;

        public Fput(File f) {
            this.f = f;
        }

        @Override
        public String function() {
            return "__fput";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                if (f.release != null) {
                    kernel.emit(new Event.Step("__fput: ->release(" + f.name + ")"));
                    current.call(f.release.apply(current, f));
                    return false;
                }
            }
            f.markReleased();
            kernel.emit(new Event.FileReleased(f.name));
            if (f.mnt != null) {
                kernel.namespace.mntput(current, f.mnt, "file " + f.name, cx);
            }
            return true;
        }
    }

    /** delayed_fput(): takes the whole list and runs __fput on each, newest first (no reverse). */
    public final class DelayedFput extends Frame {
        private Llist.Node<File> chain;
        private boolean taken;

        @Override
        public String function() {
            return "delayed_fput";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (!taken) {
                taken = true;
                chain = delayedFputList.llist_del_all(cx);
                kernel.emit(new Event.DelayedFputRan(Llist.items(chain).size()));
                return chain == null;
            }
            File f = chain.item;
            chain = chain.next;
            current.call(new Fput(f));
            return chain == null;
        }
    }

    /** flush_delayed_fput(): runs delayed_fput in the caller, then waits for the work. */
    public final class FlushDelayedFput extends Frame {
        @Override
        public String function() {
            return "flush_delayed_fput";
        }

        @Override
        public boolean enabled(TaskStruct current) {
            return pc == 0 || delayedFputWork.quiet();
        }

        @Override
        public String waitsFor() {
            return "delayed_fput_work to finish (flush_delayed_work)";
        }

        @Override
        public boolean step(TaskStruct current, StepContext cx) {
            if (pc == 0) {
                pc = 1;
                current.call(new DelayedFput());
                return false;
            }
            return true; // the guard read the work's state
        }
    }
}
