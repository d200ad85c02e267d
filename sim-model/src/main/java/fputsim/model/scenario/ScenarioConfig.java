package fputsim.model.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a scenario, as fio's command line has them. Not every scenario reads every
 * field; {@link #id()} names them all so that a replay token pins the exact configuration.
 *
 * @param jobs     fio jobs (threads, each with its own ring and its own open file)
 * @param iodepth  requests in flight per ring
 * @param direct   O_DIRECT reads (completion from interrupt context) instead of buffered
 * @param defer    IORING_SETUP_DEFER_TASKRUN (fio 3.33 sets it: ring flags 0x3108)
 * @param sqpoll   IORING_SETUP_SQPOLL
 * @param fixed    registered (fixed) files
 * @param iowq     requests per ring punted to io-wq (the rest are in the block layer)
 * @param engine   io_uring, psync or libaio
 * @param fioLoop  rounds of fio's I/O loop each io_uring job runs before its last wait (wait for a
 *                 completion, reap, resubmit: fio-3.33 engines/io_uring.c), so that the kill can find
 *                 0..iodepth requests in flight; 0: no loop, every request in flight at the start and
 *                 none resubmitted (the model before finding 6). Only with io_uring, without SQPOLL
 *                 and io-wq.
 */
public record ScenarioConfig(int jobs, int iodepth, boolean direct, boolean defer, boolean sqpoll, boolean fixed,
                             int iowq, String engine, int fioLoop) {
    public static final int MAX_JOBS = 16;
    public static final int MAX_IODEPTH = 16;
    /** The largest {@link #fioLoop}: enough for the timed model's kill window (docs/timed.md, finding 6). */
    public static final int MAX_FIO_LOOP = 256;

    /** Without fio's loop ({@code fioLoop} 0). */
    public ScenarioConfig(int jobs, int iodepth, boolean direct, boolean defer, boolean sqpoll, boolean fixed,
                          int iowq, String engine) {
        this(jobs, iodepth, direct, defer, sqpoll, fixed, iowq, engine, 0);
    }

    public ScenarioConfig {
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new IllegalArgumentException("jobs must be in 1.." + MAX_JOBS + ", got " + jobs);
        }
        if (iodepth < 1 || iodepth > MAX_IODEPTH) {
            throw new IllegalArgumentException("iodepth must be in 1.." + MAX_IODEPTH + ", got " + iodepth);
        }
        if (iowq < 0 || iowq > iodepth) {
            throw new IllegalArgumentException("iowq must be in 0..iodepth (" + iodepth + "), got " + iowq);
        }
        if (!engine.equals("io_uring") && !engine.equals("psync") && !engine.equals("libaio")) {
            throw new IllegalArgumentException("engine must be io_uring, psync or libaio, got " + engine);
        }
        if (sqpoll && iowq > 0) {
            throw new IllegalArgumentException("sqpoll and iowq cannot be combined in this model");
        }
        if (fioLoop < 0 || fioLoop > MAX_FIO_LOOP) {
            throw new IllegalArgumentException("fio-loop must be in 0.." + MAX_FIO_LOOP + ", got " + fioLoop);
        }
        if (fioLoop > 0 && (!engine.equals("io_uring") || sqpoll || iowq > 0)) {
            throw new IllegalArgumentException("fio-loop needs engine io_uring without sqpoll and iowq (the loop is modelled for a submitting job thread only), got "
                    + (!engine.equals("io_uring") ? "engine " + engine : sqpoll ? "sqpoll" : "iowq " + iowq));
        }
    }

    public static ScenarioConfig defaults() {
        return new ScenarioConfig(2, 2, false, true, false, false, 0, "io_uring");
    }

    /**
     * A stable, shell-safe name of every field, e.g. {@code jobs=2,iodepth=2,...}. fioLoop is named
     * only when it is not 0, so every configuration without the loop keeps the name (and the replay
     * tokens and verdict rows) it had before the loop was modelled.
     */
    public String id() {
        return "jobs=" + jobs + ",iodepth=" + iodepth + ",direct=" + bit(direct) + ",defer=" + bit(defer)
                + ",sqpoll=" + bit(sqpoll) + ",fixed=" + bit(fixed) + ",iowq=" + iowq + ",engine=" + engine
                + (fioLoop == 0 ? "" : ",fioLoop=" + fioLoop);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    /** Parses {@link #id()}'s form; unknown keys or bad values throw IllegalArgumentException. */
    public static ScenarioConfig parse(String id) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : id.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("bad scenario parameter '" + part + "'");
            }
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        ScenarioConfig d = defaults();
        try {
            ScenarioConfig c = new ScenarioConfig(
                    Integer.parseInt(kv.getOrDefault("jobs", "" + d.jobs)),
                    Integer.parseInt(kv.getOrDefault("iodepth", "" + d.iodepth)),
                    flag(kv.getOrDefault("direct", "0")), flag(kv.getOrDefault("defer", "1")),
                    flag(kv.getOrDefault("sqpoll", "0")), flag(kv.getOrDefault("fixed", "0")),
                    Integer.parseInt(kv.getOrDefault("iowq", "0")), kv.getOrDefault("engine", "io_uring"),
                    Integer.parseInt(kv.getOrDefault("fioLoop", "0")));
            kv.keySet().removeAll(java.util.List.of("jobs", "iodepth", "direct", "defer", "sqpoll", "fixed", "iowq", "engine", "fioLoop"));
            if (!kv.isEmpty()) {
                throw new IllegalArgumentException("unknown scenario parameter " + kv.keySet().iterator().next());
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in scenario parameters: " + e.getMessage());
        }
    }

    private static boolean flag(String v) {
        if (v.equals("1") || v.equals("true")) {
            return true;
        }
        if (v.equals("0") || v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected 0 or 1, got " + v);
    }

    public ScenarioConfig withSize(int j, int d) {
        return new ScenarioConfig(j, d, direct, defer, sqpoll, fixed, Math.min(iowq, d), engine, fioLoop);
    }

    /** The same with engine {@code e}; fio's loop is dropped for an engine it is not modelled for. */
    public ScenarioConfig withEngine(String e) {
        return new ScenarioConfig(jobs, iodepth, direct, defer, sqpoll, fixed, iowq, e, e.equals("io_uring") ? fioLoop : 0);
    }

    /** The same with {@code n} rounds of fio's I/O loop. */
    public ScenarioConfig withFioLoop(int n) {
        return new ScenarioConfig(jobs, iodepth, direct, defer, sqpoll, fixed, iowq, engine, n);
    }
}
