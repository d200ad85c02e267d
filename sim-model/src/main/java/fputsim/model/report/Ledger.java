package fputsim.model.report;

import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.fs.VfsMount;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference ledger: who holds each file and mount reference, and which deferred item
 * (task_work, fallback work, local work, delayed_fput) will drop it.
 */
public final class Ledger {
    private Ledger() {
    }

    public static String describe(Kernel k) {
        List<String> parts = new ArrayList<>();
        for (File f : k.files) {
            if (f.mnt == null) {
                continue;
            }
            parts.add(f.name + " f_count=" + f.fCount + (f.released ? " released" : " " + f.holders));
        }
        for (VfsMount m : k.mounts) {
            parts.add(m.target + " mnt_count=" + m.mntCount + (m.attached ? "" : " detached") + " " + m.holders);
        }
        List<String> pending = new ArrayList<>();
        for (IoRingCtx r : k.rings) {
            add(pending, r.name + ".work_llist", r.workLlist.peek());
            add(pending, r.name + ".fallback_llist", r.fallbackLlist.peek());
        }
        add(pending, "delayed_fput_list", k.fileTable.delayedFputList.peek());
        add(pending, "delayed_mntput_list", k.namespace.delayedMntputList.peek());
        if (!pending.isEmpty()) {
            parts.add("pending " + String.join(" ", pending));
        }
        return String.join("; ", parts);
    }

    private static void add(List<String> out, String name, List<?> items) {
        if (!items.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Object o : items) {
                names.add(o instanceof IoKiocb r ? r.holder() : String.valueOf(o));
            }
            out.add(name + "=" + names);
        }
    }
}
