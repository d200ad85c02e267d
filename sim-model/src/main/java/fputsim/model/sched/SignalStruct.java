package fputsim.model.sched;

import fputsim.explore.Tracker;
import fputsim.model.aio.Aio;
import fputsim.model.fs.FilesStruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: struct signal_struct's thread-group view (kernel/exit.c, Linux 6.18): the threads of one
 * process, including io-wq workers and the SQPOLL thread (they are threads of the group, created
 * with create_io_thread). The parent's wait() reaps the leader only when every thread has exited
 * (delay_group_leader / thread_group_empty).
 * Shared state (the live count and the reaped flag: key {@link #key}; the mm's users: {@link #mmKey})
 * is private and declared by its accessors.
 * Leaves out: sessions, process groups, ptrace, job control.
 * Checked by: ExitTest.
 */
public final class SignalStruct {
    public final int tgid;
    public final String comm;
    private final Tracker tracker;
    private final List<TaskStruct> threads = new ArrayList<>();
    /** The group's files_struct, shared by its threads (fio runs with --thread=1); set up once. */
    private FilesStruct files;
    /** The mm's aio context (struct kioctx), if any; set up once. */
    private Aio.Kioctx kioctx;
    /** The mm's users (threads share it). */
    private int mmUsers;
    /** Live threads: decremented at each thread's exit_notify. */
    private int live;
    private boolean reaped;
    /** POR keys: the group's life (exit_notify updates it, wait() reads it) and the mm's users. */
    public final String key;
    public final String mmKey;

    public SignalStruct(Tracker tracker, int tgid, String comm) {
        this.tracker = tracker;
        this.tgid = tgid;
        this.comm = comm;
        this.key = "group:" + comm + "-" + tgid;
        this.mmKey = "mm:" + comm + "-" + tgid;
    }

    public TaskStruct leader() {
        return threads.get(0);
    }

    /** The threads, in creation order (set up before the first step). */
    public List<TaskStruct> threads() {
        return Collections.unmodifiableList(threads);
    }

    /** copy_process: the new thread joins the group (a group is populated as it is created). */
    void addThread(TaskStruct t) {
        threads.add(t);
    }

    /** copy_process: one more live thread, sharing the mm or not. */
    public void threadStarted(boolean sharesMm) {
        tracker.write(key);
        live++;
        if (sharesMm) {
            tracker.write(mmKey);
            mmUsers++;
        }
    }

    public FilesStruct files() {
        return files;
    }

    public void setFiles(FilesStruct filesStruct) {
        requireSetUp("files of ", comm);
        files = filesStruct;
    }

    public Aio.Kioctx kioctx() {
        return kioctx;
    }

    public void setKioctx(Aio.Kioctx ctx) {
        requireSetUp("kioctx of ", comm);
        kioctx = ctx;
    }

    /** mmput()'s atomic_dec_and_test(&mm->mm_users): true when it was the last user. */
    public boolean mmput() {
        tracker.write(mmKey);
        return --mmUsers == 0;
    }

    /** Live threads (not yet past exit_notify). */
    public int live() {
        tracker.read(key);
        return live;
    }

    /** A thread passed exit_notify (the caller declared the update); true when it was the last. */
    boolean threadExited() {
        return --live == 0;
    }

    /** delay_group_leader() is false: every thread is gone, the leader can be reaped. */
    public boolean allExited() {
        return live() == 0;
    }

    public boolean reaped() {
        tracker.read(key);
        return reaped;
    }

    /** release_task() of the leader, from wait(). */
    public void reap() {
        tracker.write(key);
        reaped = true;
    }

    private void requireSetUp(String what, String of) {
        if (tracker.inStep()) {
            throw new IllegalStateException(what + of + " is set up before the first step, not changed by a step");
        }
    }
}
