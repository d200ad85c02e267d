/*
 * Models: fs/file_table.c and include/linux/file_ref.h (Linux 6.18): the f_count of struct file as used by
 *   fget (get_file_rcu / file_ref_get: increment unless zero) and fput (file_ref_put: the caller that drops
 *   the last reference gets the final-put hand-off, i.e. queues ____fput / delayed_fput, exactly once).
 * Leaves out: file_ref_t's biased encoding (FILE_REF_ONEREF/NOREF/DEAD zones) and its saturation, RCU
 *   (SLAB_TYPESAFE_BY_RCU reuse and the re-check of the fd table after get), where the hand-off goes
 *   (task_work vs delayed_fput: see TaskWorks and LList), and __fput itself.
 *   An unbalanced fput (more puts than references) is a kernel bug that file_ref_put() WARNs about and
 *   does not turn into a second release; here it is refused and counted in imbalancedPuts.
 * Checked by: fputsim.tests.lincheck.FileRefLincheckTest, fputsim.tests.property.FileRefPropertyTest;
 *   negative control fputsim.tests.lincheck.BrokenFileRefLincheckTest (on its broken twin in fputsim.atomics.broken).
 */
package fputsim.atomics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** {@code file->f_count}: starts at 1 (the opener's reference, later the fd table's). */
public class FileRef {

    protected final AtomicLong fCount = new AtomicLong(1);
    /* Number of final-put hand-offs: must never exceed 1. */
    protected final AtomicInteger finalPuts = new AtomicInteger();
    protected final AtomicInteger imbalancedPuts = new AtomicInteger();

    /**
     * fget() / get_file_rcu(): take a reference unless the file is already dead (count zero).
     * A dead file must never be resurrected: its ____fput may already be queued.
     */
    public boolean fget() {
        long c;
        do {
            c = fCount.get();
            if (c <= 0) {
                return false;
            }
        } while (!fCount.compareAndSet(c, c + 1)); /* atomic_long_inc_not_zero / file_ref_get */
        return true;
    }

    /**
     * fput(): drop a reference.
     *
     * @return true for exactly one caller: the one that dropped the last reference and must hand the file to
     *     __fput (via task_work_add(____fput) or delayed_fput_list)
     */
    public boolean fput() {
        long c;
        do {
            c = fCount.get();
            if (c <= 0) {
                imbalancedPuts.incrementAndGet(); /* file_ref_put: WARN_ONCE "imbalanced put" */
                return false;
            }
        } while (!fCount.compareAndSet(c, c - 1));
        if (c - 1 == 0) {
            finalPuts.incrementAndGet(); /* __fput_deferred(file) */
            return true;
        }
        return false;
    }

    /** file_count(): a racy snapshot. */
    public long fileCount() {
        return fCount.get();
    }

    public int finalPuts() {
        return finalPuts.get();
    }

    public int imbalancedPuts() {
        return imbalancedPuts.get();
    }
}
