package fputsim.model.fs;

import fputsim.explore.Tracker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: struct files_struct (fs/file.c, Linux 6.18): the fd table shared by the threads of a
 * process (fio runs with --thread=1). Each thread holds a reference; the last exit_files runs
 * close_files, which fputs every open file. The table and the count are one piece of shared
 * state (key {@link #key}).
 * Leaves out: fdtable resizing, close-on-exec, RCU lookup.
 * Checked by: ExitTest.
 */
public final class FilesStruct {
    private final Tracker tracker;
    private final List<Fd> fds = new ArrayList<>();
    private int count;
    public final String key;

    public FilesStruct(Tracker tracker, String owner) {
        this.tracker = tracker;
        this.key = "files:" + owner;
    }

    /** One open fd. */
    public record Fd(int fd, File file) {
        public String holder(String comm) {
            return "fd " + fd + " of " + comm;
        }
    }

    /** The open fds, in fd order. */
    public List<Fd> fds() {
        tracker.read(key);
        return Collections.unmodifiableList(fds);
    }

    /** fd_install() of the lowest free fd number (3 onwards). */
    public int install(File f) {
        tracker.write(key);
        int fd = 3 + fds.size();
        fds.add(new Fd(fd, f));
        return fd;
    }

    /** The fd {@link #install} would give next. */
    public int nextFd() {
        tracker.read(key);
        return 3 + fds.size();
    }

    /** file_close_fd(): the fd no longer refers to {@code f} (the caller then fputs it). */
    public void file_close_fd(File f) {
        tracker.write(key);
        fds.removeIf(fd -> fd.file() == f);
    }

    /** A thread shares the table (copy_process with CLONE_FILES). */
    public void get_files_struct() {
        tracker.write(key);
        count++;
    }

    /** put_files_struct()'s atomic_dec_and_test: true when it was the last reference. */
    public boolean put_files_struct() {
        tracker.write(key);
        return --count == 0;
    }
}
