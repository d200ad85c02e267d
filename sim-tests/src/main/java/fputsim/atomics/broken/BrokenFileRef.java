/*
 * Models: a deliberately wrong fs/file_table.c fget (Linux 6.18): check the count, then increment, instead
 *   of increment-unless-zero in one CAS.
 * Leaves out: everything FileRef leaves out.
 * Checked by: fputsim.tests.lincheck.BrokenFileRefLincheckTest (Lincheck model checking must fail: a file
 *   whose last reference was dropped is resurrected, and its final put is handed off twice).
 */
package fputsim.atomics.broken;

import fputsim.atomics.FileRef;

/** Negative control: fget as check-then-increment. */
public class BrokenFileRef extends FileRef {

    @Override
    public boolean fget() {
        if (fCount.get() > 0) {
            /* window: the last fput can drop the count to zero here; the increment then resurrects the file */
            fCount.incrementAndGet();
            return true;
        }
        return false;
    }
}
