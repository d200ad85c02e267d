package fputsim.model.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A writer of Chrome Trace Event JSON in object form, the format ui.perfetto.dev opens:
 * {@code {"displayTimeUnit": ..., "traceEvents": [...], "otherData": {...}}}, with
 * {@code displayTimeUnit} first, {@code ts}/{@code dur} in microseconds, complete slices (X),
 * instants (i), metadata (M) and flow arrows (s/f, the "v1" flow events, bound to the slices
 * that enclose them). Streaming (Jackson's generator): a long capture is never held as a tree.
 * Used by the model's {@link PerfettoJson} and by kernel-validation's converter of real captures.
 */
public final class ChromeTrace implements Closeable {
    private final JsonGenerator g;

    public ChromeTrace(OutputStream out, String displayTimeUnit) {
        try {
            g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", displayTimeUnit);
            g.writeArrayFieldStart("traceEvents");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** process_name and process_sort_index metadata. */
    public void process(int pid, String name, int sortIndex) {
        meta(pid, 0, "process_name", "name", name);
        meta(pid, 0, "process_sort_index", "sort_index", sortIndex);
    }

    /** thread_name and thread_sort_index metadata. */
    public void thread(int pid, int tid, String name, int sortIndex) {
        meta(pid, tid, "thread_name", "name", name);
        meta(pid, tid, "thread_sort_index", "sort_index", sortIndex);
    }

    private void meta(int pid, int tid, String name, String key, Object value) {
        io(() -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("ph", "M");
            g.writeNumberField("pid", pid);
            g.writeNumberField("tid", tid);
            g.writeObjectFieldStart("args");
            if (value instanceof Integer i) {
                g.writeNumberField(key, i);
            } else {
                g.writeStringField(key, value.toString());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A complete slice (ph X). Args are strings, numbers or lists of strings. */
    public void slice(int pid, int tid, long ts, long dur, String name, String cat, Map<String, ?> args) {
        io(() -> {
            head(name, cat, "X", pid, tid, ts);
            g.writeNumberField("dur", dur);
            args(args);
            g.writeEndObject();
        });
    }

    /** An instant event (ph i) with scope t (thread), p (process) or g (global). */
    public void instant(int pid, int tid, long ts, String name, String cat, String scope, Map<String, ?> args) {
        io(() -> {
            head(name, cat, "i", pid, tid, ts);
            g.writeStringField("s", scope);
            args(args);
            g.writeEndObject();
        });
    }

    /** A flow arrow: its start (ph s) binds to the slice enclosing ts on (pid, tid). */
    public void flowStart(int pid, int tid, long ts, long id, String name, String cat) {
        io(() -> {
            head(name, cat, "s", pid, tid, ts);
            g.writeNumberField("id", id);
            g.writeEndObject();
        });
    }

    /**
     * A flow arrow's start (ph s) with binding point e, for a slice that starts exactly at ts in
     * the same category: the form Chrome DevTools binds (same ts, pid, tid and cat) as well as
     * Perfetto (the slice enclosing ts).
     */
    public void flowStartEnclosing(int pid, int tid, long ts, long id, String name, String cat) {
        io(() -> {
            head(name, cat, "s", pid, tid, ts);
            g.writeNumberField("id", id);
            g.writeStringField("bp", "e");
            g.writeEndObject();
        });
    }

    /** A flow arrow's end (ph f, binding point e: the slice enclosing ts). */
    public void flowEnd(int pid, int tid, long ts, long id, String name, String cat) {
        io(() -> {
            head(name, cat, "f", pid, tid, ts);
            g.writeNumberField("id", id);
            g.writeStringField("bp", "e");
            g.writeEndObject();
        });
    }

    private void head(String name, String cat, String ph, int pid, int tid, long ts) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeStringField("ph", ph);
        g.writeNumberField("ts", ts);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
    }

    private void args(Map<String, ?> args) throws IOException {
        if (args == null || args.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, ?> a : args.entrySet()) {
            Object v = a.getValue();
            if (v instanceof Number n) {
                g.writeNumberField(a.getKey(), n.longValue());
            } else if (v instanceof Iterable<?> it) {
                g.writeArrayFieldStart(a.getKey());
                for (Object o : it) {
                    g.writeString(String.valueOf(o));
                }
                g.writeEndArray();
            } else {
                g.writeStringField(a.getKey(), String.valueOf(v));
            }
        }
        g.writeEndObject();
    }

    /** Ends traceEvents and writes otherData (string values); the stream is flushed, not closed. */
    public void finish(Map<String, String> otherData) {
        io(() -> {
            g.writeEndArray();
            g.writeObjectFieldStart("otherData");
            for (Map.Entry<String, String> e : otherData.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
        });
    }

    @Override
    public void close() {
        io(g::close);
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void io(Io r) {
        try {
            r.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
