package fputsim.cli;

import java.util.ArrayList;
import java.util.List;

/** "Did you mean": the valid names closest to a wrong one (edit distance). */
final class Suggest {
    private Suggest() {
    }

    static String unknown(String what, String given, List<String> valid) {
        List<String> close = closest(given, valid);
        String hint = close.isEmpty() ? "valid: " + String.join(", ", valid) : "did you mean " + String.join(" or ", close) + "?";
        return "unknown " + what + " '" + given + "' (" + hint + ")";
    }

    static List<String> closest(String given, List<String> valid) {
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String v : valid) {
            int d = distance(given.toLowerCase(), v.toLowerCase());
            if (v.contains(given) || given.contains(v)) {
                d = Math.min(d, 1);
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(v);
            }
        }
        return best <= Math.max(2, given.length() / 3) ? out : List.of();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
