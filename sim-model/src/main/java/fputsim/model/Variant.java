package fputsim.model;

import fputsim.model.aio.Aio;
import fputsim.model.exit.Exit;
import fputsim.model.fs.FileTable;
import fputsim.model.fs.Namespace;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.TaskWork;

/**
 * A kernel: the baseline, or the baseline with a patch. The published model API for patch
 * authors: a variant overrides the subsystem whose function its patch changes (by subclassing it
 * and overriding that one function), and nothing else. Subsystems: {@link FileTable}
 * (fs/file_table.c), {@link TaskWork} (kernel/task_work.c), {@link Namespace} (fs/namespace.c, fs/super.c), {@link Exit}
 * (kernel/exit.c), {@link IoUring} (io_uring/), {@link Aio} (fs/aio.c).
 * A variant class needs a public no-argument constructor to be loaded by
 * {@code fputsim check --variant-class}.
 */
public abstract class Variant {
    /** The name used on the command line, e.g. {@code baseline-6.18}. */
    public abstract String name();

    /** One line: what the patch changes (and its subject or link). */
    public abstract String summary();

    /** The kernel the variant starts from: the rules where 6.1 and 6.18 differ on these paths. */
    public Baseline baseline() {
        return Baseline.V6_18;
    }

    /** The patch itself: this variant, or the one {@link #on} applied to another baseline. */
    public Variant patch() {
        return this;
    }

    /** The kernel version the variant starts from. */
    public String kernelVersion() {
        return baseline().version;
    }

    /**
     * This patch applied to another baseline, without a copy: the same subsystems, consulting
     * {@code base}'s rules. Named {@code name@version} (e.g. {@code exit-cancel-2026@6.1}).
     */
    public Variant on(Baseline base) {
        Variant patch = this;
        return new Variant() {
            @Override public Variant patch() { return patch; }
            @Override public String name() { return patch.name() + "@" + base.version; }
            @Override public String summary() { return patch.summary() + " (on Linux " + base.version + ")"; }
            @Override public Baseline baseline() { return base; }
            @Override public TaskWork taskWork(Kernel k) { return patch.taskWork(k); }
            @Override public FileTable fileTable(Kernel k) { return patch.fileTable(k); }
            @Override public Namespace namespace(Kernel k) { return patch.namespace(k); }
            @Override public Exit exit(Kernel k) { return patch.exit(k); }
            @Override public IoUring ioUring(Kernel k) { return patch.ioUring(k); }
            @Override public Aio aio(Kernel k) { return patch.aio(k); }
        };
    }

    public TaskWork taskWork(Kernel k) {
        return new TaskWork(k);
    }

    public FileTable fileTable(Kernel k) {
        return new FileTable(k);
    }

    public Namespace namespace(Kernel k) {
        return new Namespace(k);
    }

    public Exit exit(Kernel k) {
        return new Exit(k);
    }

    public IoUring ioUring(Kernel k) {
        return new IoUring(k);
    }

    public Aio aio(Kernel k) {
        return new Aio(k);
    }

    @Override
    public String toString() {
        return name();
    }
}
