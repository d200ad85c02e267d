package fputsim.model.sched;

/**
 * Test-only access to the task_works list for the seeded model bugs of the mutation check
 * ({@code fputsim.tests.mutation.Mutants}): the list links are package-private in the model.
 */
public final class TaskWorkMutations {
    private TaskWorkMutations() {
    }

    /** The batch in add order (oldest first): the FIFO that task_work_run stopped using in c82199061009. */
    public static CallbackHead reversed(CallbackHead head) {
        CallbackHead prev = null;
        while (head != null) {
            CallbackHead next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }
}
