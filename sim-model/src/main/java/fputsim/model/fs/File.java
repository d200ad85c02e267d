package fputsim.model.fs;

import fputsim.explore.Tracker;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.SignalStruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Models: struct file (include/linux/fs.h, Linux 6.18): f_count (a file_ref_t since 6.13, one
 * counter here), f_path.mnt (an open file pins its mount's count until __fput's mntput), f_op's
 * release, and the callback head used to queue ____fput as task_work. The holders list is the
 * model's ledger: who holds each reference (an fd, a request, a fixed-file table).
 * f_count, the released state and the holders are one piece of shared state (key {@link #key}),
 * private, declared by the accessors.
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
    private final Tracker tracker;
    private int fCount;
    private boolean released;
    private final List<String> holders = new ArrayList<>();
    /** The processes that opened it (the property "after every opener was reaped" needs them); set up once. */
    private final List<SignalStruct> openers = new ArrayList<>();
    /** f_task_work: the ____fput callback (one per file, as in the kernel's union). */
    final CallbackHead fTaskWork;

    File(String name, VfsMount mnt, BiFunction<TaskStruct, File, Frame> release, FileTable table, Tracker tracker) {
        this.name = name;
        this.key = "file:" + name;
        this.mnt = mnt;
        this.release = release;
        this.tracker = tracker;
        this.fTaskWork = new CallbackHead("____fput(" + name + ")", t -> table.new Fput(this));
    }

    public CallbackHead fTaskWork() {
        return fTaskWork;
    }

    /** file_count(). */
    public int file_count() {
        tracker.read(key);
        return fCount;
    }

    /** __fput has run: the file is gone. */
    public boolean released() {
        tracker.read(key);
        return released;
    }

    /** Who holds each reference (the model's ledger). */
    public List<String> holders() {
        tracker.read(key);
        return Collections.unmodifiableList(holders);
    }

    public List<SignalStruct> openers() {
        return Collections.unmodifiableList(openers);
    }

    /** Set-up: a process that opened the file. */
    public void addOpener(SignalStruct g) {
        if (tracker.inStep()) {
            throw new IllegalStateException("the openers of " + name + " are set up before the first step");
        }
        openers.add(g);
    }

    /** get_file()/fget: one more reference, held by {@code holder}; returns the new count. */
    int get(String holder) {
        tracker.write(key);
        holders.add(holder);
        return ++fCount;
    }

    /** file_ref_put(): one reference less; returns the new count (0: the last one). */
    int put(String holder) {
        tracker.write(key);
        holders.remove(holder);
        return --fCount;
    }

    /** __fput's end: the file is released. */
    void markReleased() {
        tracker.write(key);
        released = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
