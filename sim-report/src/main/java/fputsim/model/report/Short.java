package fputsim.model.report;

import fputsim.model.Errno;
import fputsim.model.trace.Event;

/**
 * Short texts of events for narrow places (a column, an SVG label): results inline in the style
 * of kernel changelogs, {@code umount /mnt -> -EBUSY}. Built from the events' fields, never
 * parsed back.
 */
public final class Short {
    private Short() {
    }

    /** The errno name of a negative return, or the number. */
    public static String errno(int ret) {
        String name = ret < 0 ? Errno.name(-ret) : null;
        return name == null ? Integer.toString(ret) : "-" + name;
    }

    public static String of(Event e) {
        if (e instanceof Event.SignalDelivered s) {
            return "kill -" + s.sig() + " " + s.comm() + "-" + s.pid();
        } else if (e instanceof Event.ExitStep s) {
            return s.step();
        } else if (e instanceof Event.TaskExit t) {
            return t.groupDead() ? "exit: group dead" : "exit";
        } else if (e instanceof Event.TaskWorkAdded t) {
            return "task_work_add " + t.func() + (t.result() == 0 ? "" : " -> " + errno(t.result()));
        } else if (e instanceof Event.TaskWorkRan t) {
            return "task_work: " + t.func();
        } else if (e instanceof Event.WorkQueued w) {
            return "queue_work " + w.function();
        } else if (e instanceof Event.WorkStarted w) {
            return "run " + w.function();
        } else if (e instanceof Event.WorkFinished w) {
            return "end " + w.function();
        } else if (e instanceof Event.RequestCompleted r) {
            return "complete " + r.ring() + "." + r.req() + " -> " + (r.res() < 0 ? errno(r.res()) : Integer.toString(r.res()));
        } else if (e instanceof Event.RingReleased r) {
            return "io_uring_release " + r.ring();
        } else if (e instanceof Event.FileRef f) {
            return (f.why().startsWith("get") ? "fget " : "fput ") + f.file() + " -> " + f.count();
        } else if (e instanceof Event.FinalFput f) {
            return "last fput " + f.file() + ": " + f.context();
        } else if (e instanceof Event.FileReleased f) {
            return "__fput " + f.file();
        } else if (e instanceof Event.DelayedFputRan d) {
            return "delayed_fput: " + d.files() + (d.files() == 1 ? " file" : " files");
        } else if (e instanceof Event.MntPut m) {
            return "mntput " + m.mount() + " -> " + m.count();
        } else if (e instanceof Event.SuperDeactivated s) {
            return "deactivate_super -> " + s.active();
        } else if (e instanceof Event.BdevReleased b) {
            return "release " + b.bdev();
        } else if (e instanceof Event.WaitReturned w) {
            return "wait4 -> " + w.pid();
        } else if (e instanceof Event.UmountReturned u) {
            return "umount " + u.target() + " -> " + (u.errno() == 0 ? "0" : errno(u.errno()));
        } else if (e instanceof Event.MountReturned m) {
            return "mount " + m.target() + " -> " + (m.errno() == 0 ? "0" : errno(m.errno()));
        } else if (e instanceof Event.ExclOpenReturned o) {
            return "open(" + o.bdev() + ", O_EXCL) -> " + (o.errno() == 0 ? "0" : errno(o.errno()));
        } else if (e instanceof Event.Syscall s) {
            return s.call();
        } else if (e instanceof Event.Step s) {
            return s.function();
        }
        return e.name() + " " + e.fields();
    }
}
