package fputsim.explore.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The race detection of dynamic partial-order reduction, applied to one finished schedule. It
 * walks the steps with vector clocks (a step's clock joins its actor's previous step and every
 * earlier dependent step). For each step j of actor p, every earlier step i of another actor that
 * is dependent with j and does not happen before p's previous step is a race (Flanagan and
 * Godefroid's condition, evaluated where p's step finally ran: an actor's next step does not
 * change while it waits). The alternative added at i's node follows source sets (Abdulla et al.,
 * POPL 2014): let v be the steps after i that do not happen after i, then j; if an initial of v
 * (an actor whose first step in v nothing in v happens before) is already an alternative there,
 * nothing is added; otherwise v's first actor is (it is enabled at i's node: it is independent of
 * everything between), or, when v is j alone and p was blocked at i's node, every enabled actor.
 *
 * Stateless search replays a prefix of the last schedule, and a step of the replayed prefix has
 * the same clock and the same races as when the last analysis saw it. Adding its alternatives
 * again changes nothing (they only ever grow, and each race's check is then already satisfied),
 * so its clock is kept on its node and its races are not looked for again: each analysis costs
 * the new steps times the schedule's length, not the length squared.
 */
final class RaceAnalysis {
    private RaceAnalysis() {
    }

    static void addBacktracks(List<ExhaustiveStrategy.Step> steps, List<ExhaustiveStrategy.Node> stack) {
        int n = steps.size();
        int width = 1;
        for (ExhaustiveStrategy.Step s : steps) {
            width = Math.max(width, s.actor() + 1);
            int[] kept = s.node() < stack.size() ? stack.get(s.node()).clock : null;
            if (kept != null) {
                width = Math.max(width, kept.length); // a longer earlier schedule may have had more actors
            }
        }
        int[][] clock = new int[n][];
        int[] lastOf = new int[width];
        Arrays.fill(lastOf, -1);
        List<Integer> v = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            ExhaustiveStrategy.Step sj = steps.get(j);
            int p = sj.actor();
            ExhaustiveStrategy.Node nj = sj.node() < stack.size() ? stack.get(sj.node()) : null;
            if (nj != null && nj.clock != null) {
                if (nj.clock.length < width) {
                    nj.clock = Arrays.copyOf(nj.clock, width);
                }
                clock[j] = nj.clock;
                lastOf[p] = j;
                continue;
            }
            int prev = lastOf[p];
            int[] before = prev >= 0 ? clock[prev] : new int[width];
            int[] c = before.clone();
            for (int i = j - 1; i >= 0; i--) {
                ExhaustiveStrategy.Step si = steps.get(i);
                if (si.actor() == p || si.footprint().independentOf(sj.footprint())) {
                    continue;
                }
                int[] ci = clock[i];
                if (ci[si.actor()] > before[si.actor()] && si.node() < stack.size()) {
                    backtrack(steps, clock, c, i, j, stack.get(si.node()), v);
                }
                join(c, ci);
            }
            c[p] = (prev >= 0 ? clock[prev][p] : 0) + 1;
            clock[j] = c;
            lastOf[p] = j;
            if (nj != null) {
                nj.clock = c;
            }
        }
    }

    /** @param cj j's clock so far: its actor's past and the dependent steps after i (enough to order v). */
    private static void backtrack(List<ExhaustiveStrategy.Step> steps, int[][] clock, int[] cj, int i, int j,
                                  ExhaustiveStrategy.Node node, List<Integer> v) {
        int ai = steps.get(i).actor();
        v.clear();
        for (int k = i + 1; k < j; k++) {
            if (clock[k][ai] < clock[i][ai]) { // k does not happen after i
                v.add(k);
            }
        }
        v.add(j);
        for (int x = 0; x < v.size(); x++) {
            int k = v.get(x);
            int[] ck = k == j ? cj : clock[k];
            boolean initial = true;
            for (int y = 0; y < x && initial; y++) {
                int m = v.get(y);
                int am = steps.get(m).actor();
                initial = ck[am] < clock[m][am];
            }
            if (initial && node.backtrack.contains(steps.get(k).actor())) {
                return;
            }
        }
        int first = steps.get(v.get(0)).actor();
        if (ExhaustiveStrategy.contains(node.enabled, first)) {
            node.addBacktrack(first);
        } else {
            for (int e : node.enabled) {
                node.addBacktrack(e);
            }
        }
    }

    private static void join(int[] into, int[] from) {
        for (int k = 0; k < into.length; k++) {
            if (from[k] > into[k]) {
                into[k] = from[k];
            }
        }
    }
}
