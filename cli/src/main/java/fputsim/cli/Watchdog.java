package fputsim.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a command in a worker thread so that user code (a --variant-class) cannot hold the
 * process past --time-limit or bring it down with an Error.
 *
 * <p>The explorer honours --time-limit itself, between schedules. A variant whose constructor or
 * step never returns never reaches that check, and the JVM cannot stop a thread that loops
 * (Thread.stop is gone). So at the limit plus {@link #GRACE_NANOS} the watchdog looks at the
 * worker's stack: when a frame of user code is on it, it removes every partial output
 * ({@link Outputs#abandon}), prints one line naming the variant and the method, and ends the
 * process with exit 2 ({@link ExitCodes#USAGE}: the variant is the user's input). When only
 * fputsim's own code is running (a shrink after a long run), it waits: that code is bounded.
 */
final class Watchdog {
    /** How long past --time-limit user code may run before the process is stopped. */
    static final long GRACE_NANOS = 2_000_000_000L;

    /** Classes the user gave (--variant-class), whose frames count as user code. */
    private static final Set<String> USER_CLASSES = ConcurrentHashMap.newKeySet();

    private static final List<String> OURS = List.of("fputsim.", "java.", "javax.", "jdk.", "sun.", "com.sun.", "picocli.",
            "com.fasterxml.", "kotlin.", "org.junit.", "org.apache.maven.", "org.assertj.");

    /** What to do when user code overruns: halt the process (the command line) or just return (in-process tests). */
    interface Exit {
        void now(int code);
    }

    /**
     * Heap set aside while a command runs and given back on OutOfMemoryError, so that the one
     * line can be printed and partial files removed even when user code still holds the heap.
     */
    private static final int RESERVE_BYTES = 4 << 20;
    private static volatile byte[] reserve = new byte[RESERVE_BYTES];

    private Watchdog() {
    }

    static void userClass(String name) {
        USER_CLASSES.add(name);
    }

    /**
     * The first frame of user code in a stack: a class given with --variant-class (or one of its
     * nested classes), else any class outside fputsim, the JDK and our libraries; null if none.
     */
    static StackTraceElement userFrame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            for (String u : USER_CLASSES) {
                if (c.equals(u) || c.startsWith(u + "$")) {
                    return f;
                }
            }
        }
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (OURS.stream().noneMatch(c::startsWith)) {
                return f;
            }
        }
        return null;
    }

    /** "com.example.Loops.step (Loops.java:12)" or "the constructor of com.example.Loops". */
    static String describe(StackTraceElement f) {
        if (f.getMethodName().equals("<init>")) {
            return "the constructor of " + f.getClassName();
        }
        return f.getClassName() + "." + f.getMethodName() + (f.getLineNumber() > 0 ? " (line " + f.getLineNumber() + ")" : "");
    }

    /**
     * Runs {@code work} in a worker thread and returns its exit code. Errors and exceptions are
     * returned to the caller as {@link Failure}. With {@code limitNanos > 0}, user code still
     * running at the limit plus the grace makes {@code exit} be called with exit code 2.
     */
    static int run(Supplier<Integer> work, long limitNanos, String limitText, java.io.PrintStream err, Exit exit) {
        AtomicReference<Object> result = new AtomicReference<>();
        if (reserve == null) {
            reserve = new byte[RESERVE_BYTES];
        }
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) { // handed to the caller, which turns it into one line
                reserve = null; // room to report it, even when what filled the heap is still held
                result.set(e); // no allocation here: the heap may be full

            }
        }, "fputsim-main", 0);
        t.setDaemon(true);
        t.start();
        long deadline = limitNanos > 0 ? System.nanoTime() + limitNanos + GRACE_NANOS : Long.MAX_VALUE;
        try {
            while (t.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    StackTraceElement f = userFrame(t.getStackTrace());
                    if (f != null) {
                        Outputs.abandon();
                        err.println(String.format(Locale.ROOT, "fputsim: stopped: %s did not return within --time-limit %s"
                                + " (a variant's constructor and steps must return; partial output removed)", describe(f), limitText));
                        err.flush();
                        exit.now(ExitCodes.USAGE);
                        return ExitCodes.USAGE;
                    }
                    deadline = System.nanoTime() + 500_000_000L; // our own code: bounded, let it finish
                    continue;
                }
                t.join(Math.max(1, Math.min(left / 1_000_000, 500)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
        Object r = result.get();
        if (r instanceof Throwable e) {
            throw new Failure(e);
        }
        return (Integer) r;
    }

    /** A Throwable of the worker, carried to the calling thread. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super(cause);
        }
    }
}
