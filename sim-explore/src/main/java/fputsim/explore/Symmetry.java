package fputsim.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parts of a program are interchangeable (the program's {@link Program#symmetry()}): groups
 * of members, each member the objects of one copy (the same roles in the same order: its actors,
 * its own shared objects) and the names that name it (tokens in its strings, e.g. an object name).
 * Swapping two members of a group, their objects role by role and their names token by token,
 * must map every state to a state that behaves the same up to the swap, with the same verdict for
 * every property (docs/explorer.md, "Symmetry").
 *
 * <p>{@code indexLists} are the program's lists in which position is identity (the actor list,
 * the list of every object of a kind in creation order): in a permuted state, position k of such a
 * list holds the member that now has k's name, so these lists are walked in the permuted order.
 * Any other list (a queue, a lock's waiters) is state: its order is kept.
 *
 * @param groups     per group, its members; per member, its objects by role
 * @param names      per group, per member, its name tokens by role (same count in every member)
 * @param indexLists the lists whose order is identity
 */
public final class Symmetry {
    private final List<List<List<Object>>> groups;
    private final List<List<List<String>>> names;
    private final List<List<?>> indexLists;
    private final IdentityHashMap<Object, Boolean> bags = new IdentityHashMap<>();
    /** Per index list: each element's place when the symmetry was declared (its identity). */
    private final IdentityHashMap<Object, IdentityHashMap<Object, Integer>> ranks = new IdentityHashMap<>();

    /** Declared once the program is set up: an index list's order then is the identity order. */
    public Symmetry(List<List<List<Object>>> groups, List<List<List<String>>> names, List<List<?>> indexLists) {
        this(groups, names, indexLists, List.of());
    }

    /**
     * As above, with {@code bags}: lists of values (strings, numbers) whose order no step and no
     * property reads (a record of who holds a reference, kept for reports): under a symmetry they
     * are hashed as multisets, since a permuted state has their elements in another order.
     */
    public Symmetry(List<List<List<Object>>> groups, List<List<List<String>>> names, List<List<?>> indexLists,
                    List<java.util.Collection<?>> bags) {
        for (java.util.Collection<?> b : bags) {
            this.bags.put(b, Boolean.TRUE);
        }
        this.groups = groups;
        this.names = names;
        this.indexLists = indexLists;
        if (groups.size() != names.size()) {
            throw new IllegalArgumentException("one name list per group");
        }
        for (int g = 0; g < groups.size(); g++) {
            List<List<Object>> members = groups.get(g);
            for (int m = 0; m < members.size(); m++) {
                if (members.get(m).size() != members.get(0).size() || names.get(g).get(m).size() != names.get(g).get(0).size()) {
                    throw new IllegalArgumentException("the members of a group must have the same roles and names");
                }
            }
        }
        for (List<?> l : indexLists) {
            IdentityHashMap<Object, Integer> r = new IdentityHashMap<>();
            for (Object o : l) {
                r.put(o, r.size());
            }
            ranks.put(l, r);
        }
    }

    /** No symmetry. */
    public static final Symmetry NONE = new Symmetry(List.of(), List.of(), List.of());

    public List<List<List<Object>>> groups() {
        return groups;
    }

    public List<List<List<String>>> names() {
        return names;
    }

    public List<List<?>> indexLists() {
        return indexLists;
    }

    boolean indexList(Object collection) {
        return ranks.containsKey(collection);
    }

    boolean bag(Object collection) {
        return bags.containsKey(collection);
    }

    /**
     * The value of a private field of a program object, for declaring an index list or a bag
     * that the object keeps private (the walk meets the list itself, not a read-only view of it).
     */
    public static Object field(Object owner, String name) {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // the superclass may declare it
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + c.getName() + "." + name, e);
            }
        }
        throw new IllegalArgumentException(owner.getClass().getName() + " has no field " + name);
    }

    public boolean none() {
        return groups.isEmpty();
    }

    /** A permutation of the members of every group: {@code perm[g][m]} is the member m's new place. */
    public final class Relabel {
        private final int[][] perm;
        private final Map<Object, int[]> where = new IdentityHashMap<>(); // object -> {group, member, role}

        Symmetry symmetry() {
            return Symmetry.this;
        }

        Relabel(int[][] perm) {
            this.perm = perm;
            for (int g = 0; g < groups.size(); g++) {
                List<List<Object>> members = groups.get(g);
                for (int m = 0; m < members.size(); m++) {
                    List<Object> objs = members.get(m);
                    for (int r = 0; r < objs.size(); r++) {
                        where.put(objs.get(r), new int[]{g, m, r});
                    }
                }
            }
        }

        /**
         * An index list walked as the permuted state has it: its elements in the identity order of
         * their images (an element added after the declaration keeps its place after the others);
         * any other collection as it is.
         */
        List<Object> order(Object collection, List<Object> items) {
            IdentityHashMap<Object, Integer> rank = ranks.get(collection);
            if (rank == null) {
                return items;
            }
            Object[] out = items.toArray();
            long[] key = new long[out.length];
            for (int i = 0; i < out.length; i++) {
                Integer r = rank.get(image(out[i]));
                key[i] = r == null ? (1L << 40) + i : r;
            }
            Integer[] idx = new Integer[out.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (x, y) -> Long.compare(key[x], key[y]));
            List<Object> sorted = new ArrayList<>(out.length);
            for (Integer i : idx) {
                sorted.add(out[i]);
            }
            return sorted;
        }

        /** Where actor object {@code o} goes: the object of the member that takes its place, same role. */
        public Object image(Object o) {
            int[] w = where.get(o);
            return w == null ? o : groups.get(w[0]).get(perm[w[0]][w[1]]).get(w[2]);
        }

        /** The string with every member's name tokens replaced by those of the member in its new place. */
        public String stringOf(String s) {
            return string(s);
        }

        String string(String s) {
            boolean changed = false;
            for (int g = 0; g < names.size(); g++) {
                List<List<String>> members = names.get(g);
                for (int m = 0; m < members.size(); m++) {
                    if (perm[g][m] == m) {
                        continue;
                    }
                    for (String tok : members.get(m)) {
                        if (s.contains(tok)) {
                            changed = true;
                        }
                    }
                }
            }
            if (!changed) {
                return s;
            }
            return replaceTokens(s, (g, m, r) -> names.get(g).get(perm[g][m]).get(r));
        }
    }

    /** A name token's replacement: {@code r}-th token of member {@code m} of group {@code g}; null leaves it (another token may match). */
    private interface TokenReplacement {
        String of(int g, int m, int r);
    }

    /**
     * {@code s} with its name tokens replaced, token by token, left to right (so that a replaced
     * token is not replaced again), each found only at digit boundaries ("ring1" is not in "ring12").
     */
    private String replaceTokens(String s, TokenReplacement with) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        outer:
        while (i < s.length()) {
            if (i == 0 || !Character.isDigit(s.charAt(i - 1))) {
                for (int g = 0; g < names.size(); g++) {
                    List<List<String>> members = names.get(g);
                    for (int m = 0; m < members.size(); m++) {
                        List<String> toks = members.get(m);
                        for (int r = 0; r < toks.size(); r++) {
                            String tok = toks.get(r);
                            if (s.startsWith(tok, i) && boundary(s, i + tok.length())) {
                                String rep = with.of(g, m, r);
                                if (rep != null) {
                                    sb.append(rep);
                                    i += tok.length();
                                    continue outer;
                                }
                            }
                        }
                    }
                }
            }
            sb.append(s.charAt(i++));
        }
        return sb.toString();
    }

    /**
     * A string as member {@code member} of group {@code group} sees it in its local fingerprint: its
     * own name tokens replaced by their role ({@code \0r}), every other member's of the group by
     * "another member's, role r" ({@code \1r}), so that a string naming the member and another (a
     * shared object's record of its holders) reads the same whichever the other is. Token by token,
     * left to right, at the same boundaries as a relabelling.
     */
    String neutral(String s, int group, int member) {
        List<List<String>> members = names.get(group);
        boolean any = false;
        for (List<String> toks : members) {
            for (String tok : toks) {
                if (s.contains(tok)) {
                    any = true;
                }
            }
        }
        if (!any) {
            return s;
        }
        return replaceTokens(s, (g, m, r) -> g != group ? null : (m == member ? "\u0000" : "\u0001") + r);
    }

    /** A token ends at a non-digit (so "ring1" is not found in "ring12"). */
    private static boolean boundary(String s, int end) {
        return end >= s.length() || !Character.isDigit(s.charAt(end));
    }

    /** The relabelling that applies {@code perm} (per group, member m goes to place perm[g][m]). */
    public Relabel relabel(int[][] perm) {
        return new Relabel(perm);
    }

    /**
     * The canonical permutation of a state: in each group, members sorted by the fingerprint of
     * their own objects (names made neutral, the walk stopped at the program and at every object
     * of an index list that is not the member's). Ties keep member order. Any choice is sound (the
     * fingerprint is of a state in the same orbit); a better one merges more states.
     */
    public int[][] canonical(Object program) {
        int[][] perm = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            List<List<Object>> members = groups.get(g);
            int n = members.size();
            long[][] local = new long[n][];
            for (int m = 0; m < n; m++) {
                local[m] = StateHash.local(members.get(m), program, this, g, m);
            }
            Integer[] order = new Integer[n];
            for (int m = 0; m < n; m++) {
                order[m] = m;
            }
            Arrays.sort(order, (x, y) -> {
                int c = Long.compareUnsigned(local[x][0], local[y][0]);
                if (c == 0) {
                    c = Long.compareUnsigned(local[x][1], local[y][1]);
                }
                return c != 0 ? c : Integer.compare(x, y);
            });
            perm[g] = new int[n];
            for (int k = 0; k < n; k++) {
                perm[g][order[k]] = k; // the k-th smallest member goes to place k
            }
        }
        return perm;
    }

    /** The objects of every member and of every index list (where a member's local walk stops). */
    IdentityHashMap<Object, int[]> owners() {
        IdentityHashMap<Object, int[]> out = new IdentityHashMap<>();
        for (List<?> l : indexLists) {
            for (Object o : l) {
                out.put(o, new int[]{-1, -1});
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            for (int m = 0; m < groups.get(g).size(); m++) {
                for (Object o : groups.get(g).get(m)) {
                    out.put(o, new int[]{g, m});
                }
            }
        }
        return out;
    }
}
