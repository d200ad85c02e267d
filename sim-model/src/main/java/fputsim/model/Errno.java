package fputsim.model;

/**
 * Models: include/uapi/asm-generic/errno-base.h (Linux 6.18): the errno numbers the model returns,
 * only those it uses. Positive, as in the header; a syscall or kernel function returns the
 * negated value ({@code return -EBUSY;}), and so does the model ({@code -Errno.EBUSY}).
 */
public final class Errno {
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process: task_work_add() on a task past exit_task_work(). */
    public static final int ESRCH = 3;
    /** Interrupted system call: an io_uring read re-issued by a task with a fatal signal pending. */
    public static final int EINTR = 4;
    /** Bad address: io_uring's fallback completes a cancelled buffered read with it. */
    public static final int EFAULT = 14;
    /** Device or resource busy: umount(2) of a pinned mount, mount(2) or O_EXCL open of a claimed device. */
    public static final int EBUSY = 16;
    /** Invalid argument: umount(2) of a path that is not a mount point. */
    public static final int EINVAL = 22;

    private Errno() {
    }

    /** The name of a positive errno ({@code EBUSY} for 16), or null for one the model does not use. */
    public static String name(int errno) {
        return switch (errno) {
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EINVAL -> "EINVAL";
            default -> null;
        };
    }
}
