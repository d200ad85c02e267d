package fputsim.tests.lincheck;

import fputsim.atomics.MntCount;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lookup+mntget, mntput and umount(2) are linearizable against a counter with a mounted flag: umount returns
 * -EBUSY while anyone else holds a reference, a successful umount detaches so that no lookup gets a new
 * reference, and cleanup_mnt is queued exactly once.
 *
 * <p>{@code put} and {@code umount} share a non-parallel group ("holder"): umount(2) is lookup, do_umount and
 * path_put, so two concurrent umounts can both see the other's lookup reference and both return -EBUSY (true
 * of the kernel too, and not linearizable); and an arbitrary put racing with umount's path_put would drop a
 * reference it does not hold. Lookups ({@code get}) race with everything.
 */
class MntCountLincheckTest {

    public static class Ops {
        private final MntCount mnt;

        public Ops() {
            this(new MntCount());
        }

        protected Ops(MntCount mnt) {
            this.mnt = mnt;
        }

        /** A path lookup that pins the mount (e.g. an open file): false once unmounted. */
        @Operation
        public boolean get() {
            return mnt.mntgetByLookup();
        }

        /** mntput by some holder: true if it queued cleanup_mnt. */
        @Operation(nonParallelGroup = "holder")
        public boolean put() {
            return mnt.mntput();
        }

        /** umount(2) without flags: 0, -EBUSY or -EINVAL. */
        @Operation(nonParallelGroup = "holder")
        public int umount() {
            return mnt.umount();
        }

        @Validate
        public void cleanupAtMostOnce() {
            if (mnt.cleanups() > 1) {
                throw new IllegalStateException("cleanup_mnt queued " + mnt.cleanups() + " times");
            }
        }
    }

    /** Sequential specification: count starts at 1, the namespace's reference. */
    public static class Spec {
        private int count = 1;
        private boolean mounted = true;

        public boolean get() {
            if (!mounted) {
                return false;
            }
            count++;
            return true;
        }

        public boolean put() {
            if (count == 0 || (mounted && count == 1)) {
                return false; /* imbalanced: nobody holds that reference */
            }
            count--;
            return !mounted && count == 0;
        }

        public int umount() {
            if (!mounted) {
                return -MntCount.EINVAL;
            }
            if (count + 1 > 2) { /* + the caller's lookup reference */
                return -MntCount.EBUSY;
            }
            mounted = false;
            count = 0; /* namespace's and caller's references dropped; cleanup_mnt queued by the caller */
            return 0;
        }
    }

    @BeforeAll
    static void budget() {
        System.out.println(LincheckBudgets.describe());
    }

    @Test
    void mntCount_modelChecking_linearizable() {
        LincheckBudgets.modelChecking().sequentialSpecification(Spec.class).check(Ops.class);
    }

    @Test
    void mntCount_stress_linearizable() {
        LincheckBudgets.stress().sequentialSpecification(Spec.class).check(Ops.class);
    }
}
