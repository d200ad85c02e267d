package fputsim.explore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A printable, shell-safe encoding of one schedule:
 * {@code FPS1:<model version>:<program id>:<strategy>:<seed>:<step bound>:<decisions>:<check>}.
 * Decisions are base-32 digits ({@code 0-9a-v}) for values below 32, {@code w} plus two digits
 * for values below 1024 and {@code x} plus four digits above; a digit followed by upper-case
 * letters repeats (the letters, base 26, count the extra repeats minus one). The check is six hex
 * digits of the CRC-32 of everything before it.
 */
public record ReplayToken(String version, String programId, String strategy, long seed, int maxSteps,
                          int[] decisions) {
    public static final String MAGIC = "FPS1";
    /**
     * The most decisions a token may decode to. A decoded token is checked against this before
     * anything is allocated: a short token with a huge repeat count cannot eat the heap.
     */
    public static final int MAX_DECISIONS = 1 << 20;
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuv";

    /** A token that cannot be used, with a one-line reason. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    public String encode() {
        String body = MAGIC + ":" + version + ":" + programId + ":" + strategy + ":" + seed + ":" + maxSteps + ":"
                + encodeDecisions(decisions);
        return body + ":" + check(body);
    }

    public static ReplayToken decode(String token) {
        String t = token.trim();
        int cut = t.lastIndexOf(':');
        String[] f = t.split(":", -1);
        if (f.length != 8 || !MAGIC.equals(f[0])) {
            throw new Invalid("not a replay token (expected " + MAGIC + ":<version>:<program>:<strategy>:<seed>:<bound>:<decisions>:<check>)");
        }
        if (!check(t.substring(0, cut)).equals(f[7])) {
            throw new Invalid("replay token is corrupt (check digits do not match)");
        }
        try {
            int maxSteps = Integer.parseInt(f[5]);
            if (maxSteps < 1) {
                throw new Invalid("replay token is corrupt (step bound " + maxSteps + ")");
            }
            return new ReplayToken(f[1], f[2], f[3], Long.parseLong(f[4]), maxSteps, decodeDecisions(f[6]));
        } catch (NumberFormatException e) {
            throw new Invalid("replay token is corrupt (" + e.getMessage() + ")");
        }
    }

    /** Refuses a token made by another model version or for another program. */
    public void requireFits(String expectedVersion, String expectedProgram) {
        if (!version.equals(expectedVersion)) {
            throw new Invalid("replay token was made by model version " + version + ", this is " + expectedVersion);
        }
        if (!programId.equals(expectedProgram)) {
            throw new Invalid("replay token is for " + programId + ", not " + expectedProgram);
        }
    }

    static String encodeDecisions(int[] d) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < d.length) {
            int j = i;
            while (j < d.length && d[j] == d[i]) {
                j++;
            }
            int run = j - i;
            String one = encodeOne(d[i]);
            if (run >= 3 && one.length() == 1) {
                sb.append(one).append(base26(run - 2));
            } else {
                for (int r = 0; r < run; r++) {
                    sb.append(one);
                }
            }
            i = j;
        }
        return sb.toString();
    }

    private static String encodeOne(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative decision " + v);
        }
        if (v < 32) {
            return String.valueOf(DIGITS.charAt(v));
        }
        if (v < 1024) {
            return "w" + DIGITS.charAt(v / 32) + DIGITS.charAt(v % 32);
        }
        if (v < (1 << 20)) {
            return "x" + DIGITS.charAt(v >> 15) + DIGITS.charAt((v >> 10) & 31) + DIGITS.charAt((v >> 5) & 31)
                    + DIGITS.charAt(v & 31);
        }
        throw new IllegalArgumentException("decision too large " + v);
    }

    private static String base26(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return sb.reverse().toString();
    }

    /** How many decisions {@code s} decodes to, counted without decoding (at most MAX_DECISIONS + 1). */
    static long decodedLength(String s) {
        long n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            i += c == 'w' ? 3 : c == 'x' ? 5 : 1;
            long repeat = 1;
            if (i < s.length() && Character.isUpperCase(s.charAt(i))) {
                long r = 0;
                while (i < s.length() && Character.isUpperCase(s.charAt(i))) {
                    r = r * 26 + (s.charAt(i++) - 'A');
                    if (r > MAX_DECISIONS) {
                        return (long) MAX_DECISIONS + 1;
                    }
                }
                repeat = r + 2;
            }
            n += repeat;
            if (n > MAX_DECISIONS) {
                return (long) MAX_DECISIONS + 1;
            }
        }
        return n;
    }

    static int[] decodeDecisions(String s) {
        if (decodedLength(s) > MAX_DECISIONS) {
            throw new Invalid("replay token is corrupt (it decodes to more than " + MAX_DECISIONS + " decisions)");
        }
        int[] out = new int[Math.max(16, s.length() * 2)];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int v;
            if (c == 'w') {
                v = digit(s, i + 1) * 32 + digit(s, i + 2);
                i += 3;
            } else if (c == 'x') {
                v = (digit(s, i + 1) << 15) | (digit(s, i + 2) << 10) | (digit(s, i + 3) << 5) | digit(s, i + 4);
                i += 5;
            } else {
                v = digit(s, i);
                i++;
            }
            int repeat = 1;
            if (i < s.length() && Character.isUpperCase(s.charAt(i))) {
                int r = 0;
                while (i < s.length() && Character.isUpperCase(s.charAt(i))) {
                    r = r * 26 + (s.charAt(i++) - 'A');
                }
                repeat = r + 2;
            }
            for (int k = 0; k < repeat; k++) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int digit(String s, int i) {
        if (i >= s.length() || DIGITS.indexOf(s.charAt(i)) < 0) {
            throw new Invalid("replay token is corrupt (bad decision digit at " + i + ")");
        }
        return DIGITS.indexOf(s.charAt(i));
    }

    private static String check(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%06x", crc.getValue() & 0xffffff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayToken t && t.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
