/*
 * Cleanups: everything a run created that must go away even when the JVM is stopped by
 * SIGINT/SIGTERM (a shutdown hook), closed newest first: the helper process, then the
 * tracefs instance, then the mount, loop device and image.
 * Leaves out: SIGKILL of the JVM (nothing can run then; the helper's PR_SET_PDEATHSIG at
 * least takes fio down with it).
 * Checks: each resource is closed once, by its owner's finally or by the hook, whichever
 * comes first (the resources' close() are idempotent and synchronized).
 * Checked by: ReproducerInterruptTest.
 */
package fputsim.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

final class Cleanups {
    private static final Deque<AutoCloseable> LIVE = new ArrayDeque<>();
    private static boolean hooked;
    private static boolean closing;

    private Cleanups() {
    }

    /** False once closeAll() has started: the caller must undo what it was about to register. */
    static synchronized boolean register(AutoCloseable c) {
        if (closing)
            return false;
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanups::closeAll, "fputsim-cleanup"));
            hooked = true;
        }
        LIVE.push(c);
        return true;
    }

    static synchronized void unregister(AutoCloseable c) {
        LIVE.remove(c);
    }

    static void closeAll() {
        List<AutoCloseable> todo;
        synchronized (Cleanups.class) {
            closing = true;
            todo = new ArrayList<>(LIVE);
            LIVE.clear();
        }
        for (AutoCloseable c : todo) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("fputsim: cleanup failed: " + e.getMessage());
            }
        }
        synchronized (Cleanups.class) {
            closing = false; // a later run in this JVM (tests, a long-lived CLI) may register again
        }
    }

    /** Closes c now and forgets it; the owner's finally path. */
    static void close(AutoCloseable c) throws Exception {
        unregister(c);
        c.close();
    }
}
