package fputsim.cli;

import picocli.CommandLine;

import java.util.regex.Pattern;

/**
 * Numbers on the command line are ASCII: Java's Integer.valueOf takes any Unicode digit (so
 * {@code --jobs ١} would be 1) and Double.valueOf takes NaN, Infinity and hex floats. These
 * converters take plain decimal numbers only and say what they expected.
 */
final class Numbers {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private Numbers() {
    }

    static void register(CommandLine cl) {
        CommandLine.ITypeConverter<Integer> i = s -> (int) whole(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CommandLine.ITypeConverter<Long> l = s -> whole(s, Long.MIN_VALUE, Long.MAX_VALUE);
        CommandLine.ITypeConverter<Double> d = Numbers::decimal;
        cl.registerConverter(Integer.class, i);
        cl.registerConverter(Integer.TYPE, i);
        cl.registerConverter(Long.class, l);
        cl.registerConverter(Long.TYPE, l);
        cl.registerConverter(Double.class, d);
        cl.registerConverter(Double.TYPE, d);
    }

    /** A whole number in ASCII digits within [min, max]. */
    static long whole(String s, long min, long max) {
        if (!INTEGER.matcher(s).matches()) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number (ASCII digits 0-9)");
        }
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is out of range (" + min + ".." + max + ")");
        }
    }

    static double decimal(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a decimal number (e.g. 2 or 0.5)");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new CommandLine.TypeConversionException("'" + s + "' is out of range");
        }
        return v;
    }

    /** Parses a whole number for a message that names where it came from (a file, a field). */
    static int parseInt(String s, String where) {
        if (!INTEGER.matcher(s).matches()) {
            throw new UsageError(where + ": '" + s + "' is not a whole number");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageError(where + ": '" + s + "' is too large");
        }
    }
}
