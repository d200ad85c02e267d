package fputsim.tests.mutation;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.Variant;
import fputsim.model.exit.Exit;
import fputsim.model.fs.File;
import fputsim.model.fs.FileTable;
import fputsim.model.fs.Namespace;
import fputsim.model.fs.VfsMount;
import fputsim.model.sched.CallbackHead;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.TaskWork;
import fputsim.model.sched.TaskWorkMutations;
import fputsim.model.sched.SignalStruct;
import fputsim.model.trace.Event;
import fputsim.model.variant.Baseline618;
import java.util.List;

/**
 * Seeded model bugs: each is baseline-6.18 with one subsystem function overridden wrongly, the way a fix
 * variant overrides what its patch touches. The mutation check ({@link MutationCheckTest}) asserts that some
 * suite notices each one.
 */
final class Mutants {
    private Mutants() {
    }

    static List<Variant> all() {
        return List.of(new FifoTaskWork(), new NoWorkExited(), new UmountBusyOffByOne(), new DelayedFputImmediate(),
                new WaitIgnoresThreadGroup());
    }

    /** task_work_run runs a batch oldest first (TaskWork.batchOrder); the kernel runs it newest first. */
    static final class FifoTaskWork extends Baseline618 {
        @Override
        public String name() {
            return "mutant-task-work-fifo";
        }

        @Override
        public String summary() {
            return "task_work_run runs each batch FIFO instead of LIFO";
        }

        @Override
        public TaskWork taskWork(Kernel k) {
            return new TaskWork(k) {
                @Override
                protected CallbackHead batchOrder(CallbackHead head) {
                    return TaskWorkMutations.reversed(head);
                }
            };
        }
    }

    /** No work_exited sentinel: exit_task_work leaves the list open and task_work_add never refuses. */
    static final class NoWorkExited extends Baseline618 {
        @Override
        public String name() {
            return "mutant-no-work-exited";
        }

        @Override
        public String summary() {
            return "task_work_add after exit_task_work is accepted (work_exited sentinel removed)";
        }

        @Override
        public TaskWork taskWork(Kernel k) {
            return new TaskWork(k) {
                @Override
                protected boolean rejects(TaskStruct task) {
                    return false;
                }

                @Override
                protected boolean closesMailbox(TaskStruct t) {
                    return false;
                }
            };
        }
    }

    /** propagate_mount_busy tolerates one reference too many. */
    static final class UmountBusyOffByOne extends Baseline618 {
        @Override
        public String name() {
            return "mutant-umount-busy-off-by-one";
        }

        @Override
        public String summary() {
            return "do_umount's busy check allows one extra reference";
        }

        @Override
        public Namespace namespace(Kernel k) {
            return new Namespace(k) {
                @Override
                public boolean propagate_mount_busy(VfsMount m, int refcnt) {
                    return m.mnt_get_count() > refcnt + 1;
                }
            };
        }
    }

    /** A final fput that cannot use task_work runs __fput at once in the caller instead of via delayed_fput. */
    static final class DelayedFputImmediate extends Baseline618 {
        @Override
        public String name() {
            return "mutant-delayed-fput-immediate";
        }

        @Override
        public String summary() {
            return "__fput_deferred's delayed_fput path calls __fput at once";
        }

        @Override
        public FileTable fileTable(Kernel k) {
            return new FileTable(k) {
                @Override
                protected void fputDeferred(TaskStruct current, File f, StepContext cx) {
                    if (!current.inInterrupt() && !current.isKthread()
                            && kernel.taskWork.task_work_add(current, f.fTaskWork(), TaskWork.Notify.TWA_RESUME, cx) == 0) {
                        kernel.emit(new Event.FinalFput(f.name, "task_work"));
                        return;
                    }
                    kernel.emit(new Event.FinalFput(f.name, "delayed_fput"));
                    current.call(new Fput(f));
                }
            };
        }
    }

    /** wait() reaps the leader as soon as the leader has exited, not when the whole thread group has. */
    static final class WaitIgnoresThreadGroup extends Baseline618 {
        @Override
        public String name() {
            return "mutant-wait-ignores-thread-group";
        }

        @Override
        public String summary() {
            return "wait() does not wait for the rest of the thread group (delay_group_leader ignored)";
        }

        @Override
        public Exit exit(Kernel k) {
            return new Exit(k) {
                @Override
                protected boolean thread_group_empty(SignalStruct g) {
                    return g.leader().dead();
                }
            };
        }
    }
}
