package fputsim.model.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct signal_struct's thread-group view (kernel/exit.c, Linux 6.18): the threads of one
 * process, including io-wq workers and the SQPOLL thread (they are threads of the group, created
 * with create_io_thread). The parent's wait() reaps the leader only when every thread has exited
 * (delay_group_leader / thread_group_empty).
 * Leaves out: sessions, process groups, ptrace, job control.
 * Checked by: ExitTest.
 */
public final class ThreadGroup {
    public final int tgid;
    public final String comm;
    public final List<TaskStruct> threads = new ArrayList<>();
    /** The group's files_struct, shared by its threads (fio runs with --thread=1). */
    public Object files;
    /** The mm's users (threads share it) and its aio context (struct kioctx), if any. */
    public int mmUsers;
    public Object kioctx;
    /** Live threads: decremented at each thread's exit_notify. */
    public int live;
    public boolean reaped;
    /** POR keys: the group's life (exit_notify updates it, wait() reads it) and the mm's users. */
    public final String key;
    public final String mmKey;

    public ThreadGroup(int tgid, String comm) {
        this.tgid = tgid;
        this.comm = comm;
        this.key = "group:" + comm + "-" + tgid;
        this.mmKey = "mm:" + comm + "-" + tgid;
    }

    public TaskStruct leader() {
        return threads.get(0);
    }

    /** delay_group_leader() is false: every thread is gone, the leader can be reaped. */
    public boolean allExited() {
        return live == 0;
    }
}
