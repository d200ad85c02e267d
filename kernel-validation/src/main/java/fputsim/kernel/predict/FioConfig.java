/*
 * FioConfig: one fio configuration of the prediction table, written
 * ENGINE[:JOBSxDEPTH][+direct][+sqpoll][+fixed] (e.g. io_uring:12x2+sqpoll), and what it means on
 * both sides: fio's options (--direct=1, --sqthread_poll=1, --registerfiles=1, see
 * `fio --enghelp=io_uring`) and the model's ScenarioConfig.
 * Leaves out: rw, sizes and kill sleeps (the harness's defaults: buffered randread, 300 + [0, 500] ms).
 * Checked by: PredictionTest.
 */
package fputsim.kernel.predict;

import fputsim.kernel.conform.ModelFor;
import fputsim.model.scenario.ScenarioConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public record FioConfig(String ioengine, int numjobs, int iodepth, boolean direct, boolean sqpoll, boolean fixed) {
    private static final Pattern SPEC = Pattern.compile("(io_uring|psync|libaio)(?::(\\d+)x(\\d+))?((?:\\+(?:direct|sqpoll|fixed))*)");

    /** The default table: the seed's configuration and one change at a time, plus the control arms. */
    public static final List<String> DEFAULTS = List.of("io_uring:12x2", "io_uring:12x2+direct", "io_uring:12x2+sqpoll",
            "io_uring:12x2+fixed", "io_uring:4x8", "psync:12x1", "libaio:12x2", "libaio:12x2+direct");

    public FioConfig {
        if (numjobs < 1 || numjobs > ScenarioConfig.MAX_JOBS || iodepth < 1 || iodepth > ScenarioConfig.MAX_IODEPTH) {
            throw new IllegalArgumentException("jobs must be 1.." + ScenarioConfig.MAX_JOBS + " and iodepth 1.."
                    + ScenarioConfig.MAX_IODEPTH + " (the model's limits)");
        }
        if ((sqpoll || fixed) && !ioengine.equals("io_uring")) {
            throw new IllegalArgumentException("+sqpoll and +fixed need ioengine io_uring");
        }
    }

    /** Parses the spec form; bad input throws IllegalArgumentException with a one-line message. */
    public static FioConfig parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad configuration '" + spec
                    + "' (use ENGINE[:JOBSxDEPTH][+direct][+sqpoll][+fixed], ENGINE io_uring, psync or libaio)");
        }
        int jobs = m.group(2) == null ? 12 : Integer.parseInt(m.group(2));
        int depth = m.group(3) == null ? 2 : Integer.parseInt(m.group(3));
        String flags = m.group(4);
        return new FioConfig(m.group(1), jobs, depth, flags.contains("+direct"), flags.contains("+sqpoll"), flags.contains("+fixed"));
    }

    public String spec() {
        return ioengine + ":" + numjobs + "x" + iodepth + (direct ? "+direct" : "") + (sqpoll ? "+sqpoll" : "") + (fixed ? "+fixed" : "");
    }

    /** fio options beyond the harness's defaults (last one wins over its --buffered=1). */
    public List<String> fioExtraArgs() {
        List<String> a = new ArrayList<>();
        if (direct) {
            a.add("--direct=1");
        }
        if (sqpoll) {
            a.add("--sqthread_poll=1");
        }
        if (fixed) {
            a.add("--registerfiles=1");
        }
        return a;
    }

    /** The model's parameters for this configuration at a searchable size. */
    public ScenarioConfig model(int jobs, int depth) {
        return ModelFor.config(ioengine, Math.min(jobs, numjobs), Math.min(depth, iodepth), fioExtraArgs(), "");
    }
}
