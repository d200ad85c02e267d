/*
 * Expectation: the qualitative outcome a run is judged by (real-kernel.md): on a baseline
 * kernel io_uring makes some umount after reap return EBUSY, psync and libaio never do.
 * Leaves out: rates; they vary run to run, so no check ever asserts one.
 * Checked by: KtapTest, RealKernelTest.
 */
package fputsim.kernel;

public enum Expectation {
    /** At least one iteration sees EBUSY: the bug reproduces (baseline kernel, io_uring). */
    BUSY_SOMETIMES,
    /** No iteration sees EBUSY (control arms, or a fixed kernel). */
    BUSY_NEVER,
    /**
     * No expectation: the busy count is reported, not judged (the no-kill modes by default, whose
     * outcome is what the model is asked to predict); the run still fails when no iteration tested.
     */
    OBSERVE;

    public static Expectation forEngine(String ioengine) {
        return "io_uring".equals(ioengine) ? BUSY_SOMETIMES : BUSY_NEVER;
    }
}
