/*
 * TraceEvent: what one ftrace line means, in the model's event vocabulary
 * (kernel-paths.md section 7), so a real trace and a model trace compare line by line.
 * Leaves out: pointers (hashed per boot, never comparable across runs), work struct
 * identities, and every event the reproducer does not enable (those become Other).
 * Checked by: FtraceParserTest.
 */
package fputsim.kernel;

public sealed interface TraceEvent {
    /** signal:signal_generate, sig 9 to comm/pid (event 3). */
    record SignalDelivered(int sig, String comm, int pid) implements TraceEvent { }

    /** sched:sched_process_exit (event 4/19); groupDead marks the last thread of the group. */
    record TaskExit(String comm, int pid, boolean groupDead) implements TraceEvent { }

    /**
     * workqueue:workqueue_queue_work of io_ring_exit_work, io_fallback_req_func or delayed_fput.
     * {@code work} is the hashed work_struct pointer: comparable within one boot only, it ties a
     * queue to its execution (so conformance can tell our rings' works from a concurrent run's).
     */
    record WorkQueued(String function, String workqueue, String work) implements TraceEvent {
        public WorkQueued(String function, String workqueue) {
            this(function, workqueue, "");
        }
    }

    record WorkStarted(String function, String work) implements TraceEvent {
        public WorkStarted(String function) {
            this(function, "");
        }
    }

    record WorkFinished(String function) implements TraceEvent { }

    /** sched:sched_process_fork (also for threads): who belongs to the harness's fio. */
    record Forked(int parentPid, int childPid) implements TraceEvent { }

    /** io_uring:io_uring_complete; res -4 in the dying task, -14 in the fallback worker. */
    record RequestCompleted(int res) implements TraceEvent { }

    /** io_uring:io_uring_create; the ring flags every report records (fio 3.33: 0x3108). */
    record RingCreated(int flags) implements TraceEvent { }

    /** syscalls:sys_exit_wait4 with ret > 0: the reaper's wait returned (event 20). */
    record WaitReturned(int reapedPid) implements TraceEvent { }

    record UmountEntered() implements TraceEvent { }

    /** syscalls:sys_exit_umount; errno 0 on success, 16 (EBUSY) while a file pins the mount. */
    record UmountReturned(int errno) implements TraceEvent { }

    record MountEntered() implements TraceEvent { }

    record MountReturned(int errno) implements TraceEvent { }

    /** trace_marker line written by the helper ("fputsim iter=N what value"). */
    record Marker(String text) implements TraceEvent { }

    /** Any other event, kept by name so nothing is silently dropped. */
    record Other(String name, String fields) implements TraceEvent { }

    /** The workqueue functions the bug's path runs through; all others are filtered out. */
    static boolean interesting(String function) {
        return function.equals("io_ring_exit_work") || function.equals("io_fallback_req_func")
                || function.equals("delayed_fput");
    }
}
