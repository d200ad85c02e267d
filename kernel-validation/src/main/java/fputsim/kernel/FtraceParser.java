/*
 * FtraceParser: turns tracefs text ("TASK-PID [CPU] FLAGS SECS.USECS: event: fields") into
 * TraceLines with typed events.
 * Leaves out: binary (trace-cmd .dat) input, and events with no meaning for the model
 * (kept as Other). Workqueue events for other functions are dropped here, which is the
 * fallback when the kernel rejected the function filter with EINVAL.
 * Checked by: FtraceParserTest on a capture from a real 6.18 run.
 */
package fputsim.kernel;

import fputsim.kernel.TraceEvent.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class FtraceParser {
    // Task names may contain spaces and dashes: the pid is the last "-digits" before the cpu.
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.+)-(\\d+)\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?\\[(\\d+)\\]\\s+(\\S+\\s+)?(\\d+)\\.(\\d+):\\s+(\\w+):?\\s?(.*)$");
    private static final Pattern KV = Pattern.compile("(\\w+)=(\\S+)");
    private static final Pattern WORK = Pattern.compile("work struct (\\w+):");
    private static final Pattern SYS_EXIT = Pattern.compile("^sys_(\\w+) -> (0x[0-9a-f]+)$");

    private FtraceParser() {
    }

    public static List<TraceLine> parse(String text) {
        List<TraceLine> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            parseLine(l).ifPresent(out::add);
        }
        return out;
    }

    private static final Pattern LOST = Pattern.compile("^CPU:\\s*\\d+ \\[LOST \\d+ EVENTS\\]$");

    /**
     * As parse(), for input from a file: every line must be a tracefs line (or a comment, blank,
     * or a "CPU:N [LOST M EVENTS]" note), its fields must parse, timestamps must not go back
     * (tracefs merges its per-cpu buffers in time order) and the text must end with a newline.
     * @throws IllegalArgumentException naming {@code file} and the line: a truncated or corrupt trace
     */
    public static List<TraceLine> parseStrict(String text, String file) {
        List<TraceLine> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        long last = Long.MIN_VALUE;
        int n = lines.length - (text.endsWith("\n") ? 1 : 0);
        for (int i = 0; i < n; i++) {
            String l = lines[i];
            if (l.isBlank() || l.stripLeading().startsWith("#") || LOST.matcher(l.strip()).matches())
                continue;
            String where = file + " line " + (i + 1);
            if (!LINE.matcher(l).matches())
                throw new IllegalArgumentException(where + ": not a tracefs line (truncated or corrupt trace): " + cut(l));
            Optional<TraceLine> t;
            try {
                t = parseLine(l);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": cannot read its fields (corrupt trace): " + cut(l));
            }
            if (t.isPresent()) {
                if (t.get().timestampNs() < last)
                    throw new IllegalArgumentException(where + ": timestamp goes back in time (corrupt trace): " + cut(l));
                last = t.get().timestampNs();
                out.add(t.get());
            }
        }
        if (!text.isEmpty() && !text.endsWith("\n"))
            throw new IllegalArgumentException(file + " line " + lines.length + ": the last line has no end (truncated trace): "
                    + cut(lines[lines.length - 1]));
        return out;
    }

    private static String cut(String l) {
        return l.length() > 120 ? l.substring(0, 120) + "..." : l;
    }

    /** Empty for comments, blank lines and workqueue events of uninteresting functions. */
    public static Optional<TraceLine> parseLine(String line) {
        if (line.isBlank() || line.stripLeading().startsWith("#"))
            return Optional.empty();
        Matcher m = LINE.matcher(line);
        if (!m.matches())
            return Optional.empty();
        String frac = (m.group(6) + "000000000").substring(0, 9);
        long ts = Long.parseLong(m.group(5)) * 1_000_000_000L + Long.parseLong(frac);
        TraceEvent ev = event(m.group(7), m.group(8).strip());
        if (ev == null)
            return Optional.empty();
        return Optional.of(new TraceLine(m.group(1).strip(), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), ts, ev));
    }

    static TraceEvent event(String name, String fields) {
        // Syscall events print as "sys_umount(...)" and "sys_umount -> 0x0": the name field
        // is then the whole "sys_umount(..." token, so match on the prefix.
        if (name.startsWith("sys_"))
            return syscall(name + (fields.isEmpty() || fields.startsWith("(") ? "" : " ") + fields);
        switch (name) {
            case "signal_generate":
                return new SignalDelivered(intOf(fields, "sig"), strOf(fields, "comm"), intOf(fields, "pid"));
            case "sched_process_exit":
                return new TaskExit(strOf(fields, "comm"), intOf(fields, "pid"),
                        "true".equals(strOf(fields, "group_dead")));
            case "workqueue_queue_work": {
                String fn = strOf(fields, "function");
                return TraceEvent.interesting(fn) ? new WorkQueued(fn, strOf(fields, "workqueue"), strOf(fields, "struct")) : null;
            }
            case "workqueue_execute_start":
            case "workqueue_execute_end": {
                String fn = fields.substring(fields.lastIndexOf("function ") + 9).strip();
                if (!TraceEvent.interesting(fn))
                    return null;
                Matcher w = WORK.matcher(fields);
                return name.endsWith("start") ? new WorkStarted(fn, w.find() ? w.group(1) : "") : new WorkFinished(fn);
            }
            case "sched_process_fork":
                return new Forked(intOf(fields, "pid"), intOf(fields, "child_pid"));
            case "io_uring_complete":
                return new RequestCompleted(Integer.parseInt(after(fields, "result ")));
            case "io_uring_create":
                return new RingCreated(Integer.parseUnsignedInt(after(fields, "flags 0x"), 16));
            case "tracing_mark_write":
                return new Marker(fields);
            default:
                return new Other(name, fields);
        }
    }

    private static TraceEvent syscall(String text) {
        Matcher m = SYS_EXIT.matcher(text);
        if (m.matches()) {
            long ret = Long.parseUnsignedLong(m.group(2).substring(2), 16);
            int errno = ret < 0 ? (int) -ret : 0;
            switch (m.group(1)) {
                case "umount": return new UmountReturned(errno);
                case "mount": return new MountReturned(errno);
                case "wait4": return new WaitReturned((int) ret);
                default: return new Other("sys_exit_" + m.group(1), m.group(2));
            }
        }
        if (text.startsWith("sys_umount("))
            return new UmountEntered();
        if (text.startsWith("sys_mount("))
            return new MountEntered();
        int paren = text.indexOf('(');
        return new Other(paren > 0 ? text.substring(0, paren) : text, text);
    }

    private static String strOf(String fields, String key) {
        Matcher m = KV.matcher(fields);
        while (m.find()) {
            if (m.group(1).equals(key))
                return m.group(2);
        }
        return "";
    }

    private static int intOf(String fields, String key) {
        String v = strOf(fields, key);
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    /** The token after a marker, up to the next comma or space. */
    private static String after(String fields, String marker) {
        int i = fields.indexOf(marker);
        if (i < 0)
            throw new KernelValidationException("trace line lacks '" + marker.strip() + "': " + fields);
        String rest = fields.substring(i + marker.length());
        return rest.split("[ ,]", 2)[0];
    }
}
