package fputsim.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts interleavings and Mazurkiewicz traces of scripts by brute force, independently of the
 * explorer: two interleavings are equivalent iff they order every pair of dependent operations of
 * different actors alike, so a trace is identified by that set of ordered pairs. The yardstick of
 * the explorer's reduction tests and of the benchmarks' reduction counts (in the test jar).
 */
public final class Traces {
    private Traces() {
    }

    public static long interleavings(List<List<Scripted.Op>> scripts) {
        return enumerate(scripts).size();
    }

    public static long traces(List<List<Scripted.Op>> scripts) {
        Set<Set<String>> keys = new HashSet<>();
        for (List<int[]> run : enumerate(scripts)) {
            Set<String> key = new TreeSet<>();
            for (int i = 0; i < run.size(); i++) {
                for (int j = i + 1; j < run.size(); j++) {
                    int[] a = run.get(i);
                    int[] b = run.get(j);
                    if (a[0] != b[0] && scripts.get(a[0]).get(a[1]).dependsOn(scripts.get(b[0]).get(b[1]))) {
                        key.add(a[0] + "." + a[1] + "<" + b[0] + "." + b[1]);
                    }
                }
            }
            keys.add(key);
        }
        return keys.size();
    }

    /** {@code n} actors each running read x; inc x (the lost-update program). */
    public static List<List<Scripted.Op>> increments(int n) {
        List<List<Scripted.Op>> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(List.of(Scripted.Op.read(0), Scripted.Op.inc(0)));
        }
        return s;
    }

    /** Random scripts: 2-3 actors of 1-3 operations on 3 variables (seeded, reproducible). */
    public static List<List<Scripted.Op>> random(Random r) {
        List<List<Scripted.Op>> scripts = new ArrayList<>();
        int actors = 2 + r.nextInt(2);
        for (int a = 0; a < actors; a++) {
            List<Scripted.Op> ops = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                int v = r.nextInt(3);
                ops.add(r.nextBoolean() ? Scripted.Op.read(v) : Scripted.Op.inc(v));
            }
            scripts.add(ops);
        }
        return scripts;
    }

    private static List<List<int[]>> enumerate(List<List<Scripted.Op>> scripts) {
        List<List<int[]>> out = new ArrayList<>();
        walk(scripts, new int[scripts.size()], new ArrayList<>(), out);
        return out;
    }

    private static void walk(List<List<Scripted.Op>> scripts, int[] pcs, List<int[]> prefix, List<List<int[]>> out) {
        boolean any = false;
        for (int a = 0; a < scripts.size(); a++) {
            if (pcs[a] < scripts.get(a).size()) {
                any = true;
                prefix.add(new int[]{a, pcs[a]});
                pcs[a]++;
                walk(scripts, pcs, prefix, out);
                pcs[a]--;
                prefix.remove(prefix.size() - 1);
            }
        }
        if (!any) {
            out.add(new ArrayList<>(prefix));
        }
    }
}
