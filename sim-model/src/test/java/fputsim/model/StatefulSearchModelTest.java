package fputsim.model;

import fputsim.explore.Bounds;
import fputsim.explore.Exploration;
import fputsim.explore.Explorer;
import fputsim.explore.Moment;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Property;
import fputsim.explore.Symmetry;
import fputsim.explore.Tally;
import fputsim.explore.strategy.OptimalStrategy;
import fputsim.explore.strategy.StatefulStrategy;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateful search on the kernel model against the stateless optimal DPOR search, on every
 * scenario and variant at small sizes: the same verdict word for every property and the same end
 * states; with symmetry on, the same end states up to a permutation of fio's jobs.
 */
class StatefulSearchModelTest {
    /**
     * Small enough for sleep sets with state matching, which visit every reachable state (scenario 03
     * with two io_uring jobs has hundreds of thousands): the footprint-audit cases, and two jobs of
     * psync fio (the symmetry declared).
     */
    static final String[][] CASES = {
            {"01", null}, {"02", null}, {"04", null}, {"04", "jobs=1,iodepth=2,direct=1,defer=0,engine=libaio"}, {"05", null}, {"06", null},
            {"03", "jobs=1,iodepth=1"}, {"03", "jobs=1,iodepth=1,defer=0"},
            {"03", "jobs=1,iodepth=1,direct=1"}, {"03", "jobs=1,iodepth=1,fixed=1"},
            {"03", "jobs=1,iodepth=1,iowq=1"}, {"03", "jobs=1,iodepth=1,sqpoll=1,defer=0"},
            {"03", "jobs=2,iodepth=1,engine=psync"},
    };

    @Test
    void stateful_everyScenarioAndVariant_sameVerdictsAndEndStatesAsOptimalDpor() {
        List<String> disagreements = new ArrayList<>();
        long statesOff = 0;
        long statesOn = 0;
        for (String[] c : CASES) {
            for (String v : Variants.names()) {
                ModelFactory f = ModelFactory.of(c[0], c[1] == null ? null : ScenarioConfig.parse(c[1]), v);
                Run ref = run(f, new OptimalStrategy());
                Run off = run(f, new StatefulStrategy(new StatefulStrategy.Options(false, 128, 10_000_000)));
                Run on = run(f, new StatefulStrategy(new StatefulStrategy.Options(true, 128, 10_000_000)));
                String at = c[0] + " " + c[1] + " " + v;
                if (!off.words.equals(ref.words) || !off.ends.equals(ref.ends)) {
                    disagreements.add(at + " symmetry off: " + off.words + " vs " + ref.words + "; ends " + off.ends.size() + " vs " + ref.ends.size());
                }
                Set<String> canonRef = canonical(f, ref.ends);
                Set<String> canonOn = canonical(f, on.ends);
                if (!on.words.equals(ref.words) || !canonOn.equals(canonRef)) {
                    disagreements.add(at + " symmetry on: " + on.words + " vs " + ref.words + "; ends " + canonOn.size() + " vs " + canonRef.size());
                }
                assertThat(off.x.exhaustive() && on.x.exhaustive()).as(at).isTrue();
                statesOff += off.x.stats().schedules();
                statesOn += on.x.stats().schedules();
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(statesOn).as("symmetry merges states of 2-job cases").isLessThan(statesOff);
    }

    record Run(Exploration x, List<String> words, Set<String> ends) {
    }

    static Run run(ModelFactory f, fputsim.explore.Strategy s) {
        return run(f, s, Bounds.defaults());
    }

    static Run run(ModelFactory f, fputsim.explore.Strategy s, Bounds bounds) {
        Set<String> ends = new TreeSet<>();
        Property<Kernel> record = new Property<>() {
            @Override public String name() { return "RecordEnd"; }
            @Override public String outcome() { return "end"; }
            @Override public String description() { return "records each end state"; }
            @Override public boolean holds(Kernel k, Moment m) {
                if (m != Moment.AFTER_STEP) {
                    ends.add(m + " " + k.fingerprint());
                }
                return true;
            }
        };
        Exploration x = Explorer.quiet().explore(withProperty(f, record), s, bounds);
        List<String> words = new ArrayList<>(); // what the schedules run showed (a DPOR search that ran out says Unseen for it: not a proof)
        for (Tally t : x.tallies()) {
            words.add(t.property() + "=" + (x.completeness().finished() ? t.verdict().name() : x.verdictWord(t)));
        }
        return new Run(x, words, ends);
    }

    /** The factory's programs with one more property checked besides the factory's own. */
    static ProgramFactory<Kernel> withProperty(ModelFactory f, Property<? super Kernel> extra) {
        List<Property<? super Kernel>> props = new ArrayList<>(f.properties());
        props.add(extra);
        return new ProgramFactory<>() {
            @Override public String version() { return f.version(); }
            @Override public String id() { return f.id(); }
            @Override public Kernel create() { return f.create(); }
            @Override public List<Property<? super Kernel>> properties() { return props; }
        };
    }

    /** Each end state as the least, over every permutation of the jobs, of its renamed and sorted parts. */
    static Set<String> canonical(ModelFactory f, Set<String> ends) {
        Symmetry sym = f.create().symmetry();
        Set<String> out = new TreeSet<>();
        for (String e : ends) {
            if (sym.none()) {
                out.add(e);
                continue;
            }
            int n = sym.groups().get(0).size();
            String best = null;
            for (int[] p : permutations(n)) {
                String[] parts = sym.relabel(new int[][]{p}).stringOf(e).split(";");
                Arrays.sort(parts);
                String c = String.join(";", parts);
                if (best == null || c.compareTo(best) < 0) {
                    best = c;
                }
            }
            out.add(best);
        }
        return out;
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int k, List<int[]> out) {
        if (k == p.length) {
            out.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                used[i] = true;
                p[k] = i;
                permute(p, used, k + 1, out);
                used[i] = false;
            }
        }
    }
}
