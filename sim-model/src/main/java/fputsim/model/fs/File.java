package fputsim.model.fs;

import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.ThreadGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Models: struct file (include/linux/fs.h, Linux 6.18): f_count (a file_ref_t since 6.13, one
 * counter here), f_path.mnt (an open file pins its mount's count until __fput's mntput), f_op's
 * release, and the callback head used to queue ____fput as task_work. The holders list is the
 * model's ledger: who holds each reference (an fd, a request, a fixed-file table).
 * Leaves out: f_pos, f_mode beyond "opened", locks, epoll, fsnotify (steps of __fput that do not
 * touch references).
 * Checked by: FputTest, NoReferenceLeak, RefcountsNeverNegative.
 */
public final class File {
    public final String name;
    /** The POR key: the file's name, unique in a scenario and the same in every run. */
    public final String key;
    public final VfsMount mnt;
    /** ->release(inode, file): the frame to run, or null for a file with nothing to release. */
    final BiFunction<TaskStruct, File, Frame> release;
    public int fCount;
    public boolean released;
    public final List<String> holders = new ArrayList<>();
    /** The processes that opened it (the property "after every opener was reaped" needs them). */
    public final List<ThreadGroup> openers = new ArrayList<>();
    /** f_task_work: the ____fput callback (one per file, as in the kernel's union). */
    final CallbackHead fTaskWork;

    public File(String name, VfsMount mnt, BiFunction<TaskStruct, File, Frame> release, FileTable table) {
        this.name = name;
        this.key = "file:" + name;
        this.mnt = mnt;
        this.release = release;
        this.fTaskWork = new CallbackHead("____fput(" + name + ")", t -> table.new Fput(this));
    }

    public CallbackHead fTaskWork() {
        return fTaskWork;
    }

    @Override
    public String toString() {
        return name;
    }
}
