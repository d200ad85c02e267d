package fputsim.model.timed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of every {@link TimedParam}, immutable. {@link #parse} reads {@code name=value}
 * overrides (the CLI's {@code --set}); a bad one throws IllegalArgumentException with a one-line
 * message naming the problem.
 */
public record TimedParams(double[] values) {
    public TimedParams {
        if (values.length != TimedParam.values().length) {
            throw new IllegalArgumentException("expected " + TimedParam.values().length + " values");
        }
        values = values.clone();
    }

    public static TimedParams defaults() {
        double[] v = new double[TimedParam.values().length];
        for (TimedParam p : TimedParam.values()) {
            v[p.ordinal()] = p.defaultValue;
        }
        return new TimedParams(v);
    }

    public double get(TimedParam p) {
        return values[p.ordinal()];
    }

    /** A microsecond parameter in nanoseconds. */
    public long ns(TimedParam p) {
        return Math.round(values[p.ordinal()] * 1000);
    }

    public TimedParams with(TimedParam p, double value) {
        check(p, value);
        double[] v = values.clone();
        v[p.ordinal()] = value;
        return new TimedParams(v);
    }

    /** One jiffy in nanoseconds. */
    public long jiffyNs() {
        return Math.round(1e9 / get(TimedParam.HZ));
    }

    /** io_ring_exit_work's retry period, HZ/20 jiffies (integer division, as in C). */
    public int exitWorkRetryJiffies() {
        return Math.max(1, (int) get(TimedParam.HZ) / (int) get(TimedParam.EXIT_WORK_RETRY_DIVISOR));
    }

    /** Applies {@code name=value} overrides in order. */
    public TimedParams parse(List<String> overrides) {
        TimedParams out = this;
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("bad --set '" + o + "': expected name=value");
            }
            String key = o.substring(0, eq).trim();
            TimedParam p = TimedParam.byKey(key);
            if (p == null) {
                throw new IllegalArgumentException("unknown timed parameter '" + key + "' (known: " + keys() + ")");
            }
            double v;
            try {
                v = Double.parseDouble(o.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad --set '" + o + "': " + o.substring(eq + 1) + " is not a number");
            }
            out = out.with(p, v);
        }
        return out;
    }

    private static void check(TimedParam p, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
            throw new IllegalArgumentException(p.key + " must be a finite number >= 0, got " + v);
        }
        if ((p == TimedParam.HZ || p == TimedParam.EXIT_WORK_RETRY_DIVISOR) && v < 1) {
            throw new IllegalArgumentException(p.key + " must be at least 1, got " + v);
        }
        if ((p == TimedParam.CPUS || p == TimedParam.DELAYED_WORK_JIFFIES) && v != Math.rint(v)) {
            throw new IllegalArgumentException(p.key + " must be a whole number, got " + v);
        }
    }

    public static String keys() {
        List<String> k = new ArrayList<>();
        for (TimedParam p : TimedParam.values()) {
            k.add(p.key);
        }
        return String.join(", ", k);
    }

    /** {@code name=value} for every parameter, one per line, in declaration order. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TimedParam p : TimedParam.values()) {
            sb.append(p.key).append('=').append(fmt(get(p))).append(' ').append(p.unit).append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimedParams t && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return describe().replace('\n', ' ').trim();
    }
}
