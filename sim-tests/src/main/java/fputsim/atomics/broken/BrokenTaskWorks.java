/*
 * Models: a deliberately wrong kernel/task_work.c task_work_add (Linux 6.18) without the work_exited check.
 * Leaves out: everything TaskWorks leaves out.
 * Checked by: fputsim.tests.lincheck.BrokenTaskWorksLincheckTest (Lincheck model checking must fail: an add
 *   after exit_task_work() returns 0 and is then never run, or run after exit).
 */
package fputsim.atomics.broken;

import fputsim.atomics.TaskWorks;

/** Negative control: task_work_add pushes on top of work_exited instead of failing with -ESRCH. */
public class BrokenTaskWorks extends TaskWorks {

    @Override
    public int taskWorkAdd(CallbackHead work) {
        CallbackHead head;
        do {
            head = taskWorks.get();
            /* missing: if (head == &work_exited) return -ESRCH; */
            work.next = head;
        } while (!taskWorks.compareAndSet(head, work));
        return 0;
    }
}
