package fputsim.tests.property;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import fputsim.atomics.MntCount;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential properties of mnt_count and umount(2): umount is -EBUSY exactly while another reference is held,
 * a successful umount detaches (no further lookup succeeds), and cleanup_mnt is queued exactly once, never
 * while mounted.
 */
class MntCountPropertyTest {

    private static final long SEED = 0x3A7_0618L;

    private static final int OP_GET = 0;
    private static final int OP_PUT = 1;

    /** Ops: 0 lookup+mntget, 1 mntput of a held reference (skipped if none), 2 umount(2). */
    @Test
    void umount_anySequence_busyExactlyWhileReferenced() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(integers().between(0, 2)).ofSizeBetween(0, 48))
                .checkAssert(MntCountPropertyTest::replay));
    }

    private static void replay(List<Integer> ops) {
        MntCount mnt = new MntCount();
        int held = 0; /* references held by "files", besides the namespace's */
        boolean mounted = true;
        for (int op : ops) {
            if (op == OP_GET) {
                boolean got = mnt.mntgetByLookup();
                check(got == mounted, "lookup returned " + got + ", mounted " + mounted, ops);
                if (got) {
                    held++;
                }
            } else if (op == OP_PUT) {
                if (held > 0) {
                    check(!mnt.mntput(), "a mounted mount's put was final", ops);
                    held--;
                }
            } else {
                int err = mnt.umount();
                int expected = !mounted ? -MntCount.EINVAL : held > 0 ? -MntCount.EBUSY : 0;
                check(err == expected, "umount returned " + err + ", expected " + expected, ops);
                mounted &= err != 0;
            }
            check(mnt.cleanups() == (mounted ? 0 : 1), "cleanups " + mnt.cleanups() + ", mounted " + mounted, ops);
            check(mnt.mntGetCount() == (mounted ? 1 + held : 0), "count " + mnt.mntGetCount(), ops);
        }
        check(mnt.imbalancedPuts() == 0, "imbalanced puts " + mnt.imbalancedPuts(), ops);
    }

    private static void check(boolean ok, String what, List<Integer> ops) {
        if (!ok) {
            throw new AssertionError(what + " for ops " + ops);
        }
    }
}
