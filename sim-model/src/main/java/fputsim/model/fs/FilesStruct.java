package fputsim.model.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: struct files_struct (fs/file.c, Linux 6.18): the fd table shared by the threads of a
 * process (fio runs with --thread=1). Each thread holds a reference; the last exit_files runs
 * close_files, which fputs every open file.
 * Leaves out: fdtable resizing, close-on-exec, RCU lookup.
 * Checked by: ExitTest.
 */
public final class FilesStruct {
    public final List<Fd> fds = new ArrayList<>();
    public int count;
    public final String key;

    public FilesStruct(String owner) {
        this.key = "files:" + owner;
    }

    /** One open fd. */
    public record Fd(int fd, File file) {
        public String holder(String comm) {
            return "fd " + fd + " of " + comm;
        }
    }

    public int install(File f) {
        int fd = 3 + fds.size();
        fds.add(new Fd(fd, f));
        return fd;
    }
}
