package fputsim.explore;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canonical 128-bit fingerprint of a program's state, taken from its object graph: no class
 * writes its own. The graph is walked depth-first from the program object, each object's fields in
 * declaration order (superclass first), lists and sorted maps in their order, arrays by element;
 * an object met again is hashed as a back reference to the number it got when first met. The walk
 * is a canonical serialisation of the rooted graph, so equal states (the same graph, the same
 * values) get equal fingerprints, and different ones collide with probability about 2^-128 per
 * pair (two independently mixed 64-bit lanes).
 *
 * <p>What is not state: static fields, {@code transient} fields (a record of the past kept for
 * reports, which no step reads), and the explorer's own objects a program holds ({@link Tracker},
 * {@link StepContext}). A program whose steps or properties read a transient field breaks the
 * contract; the stateful search's tests compare it with a stateless one on every model.
 *
 * <p>Symmetry: {@link #of(Object, Symmetry.Relabel)} hashes the state with the members of the
 * program's interchangeable groups permuted: strings are relabelled, lists that hold members are
 * walked in the permuted order (see {@link Symmetry}).
 *
 * <p>The model's collections must iterate in a deterministic order (lists, sorted maps, linked
 * sets): the program already promises that (no hash-order iteration). Objects of JDK classes other
 * than strings, boxed values, enums, collections, maps and arrays are refused, so that no state
 * hides in an object the walk cannot see.
 */
public final class StateHash {
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    // presized for graphs of a few hundred objects, so that a walk rarely resizes
    private final IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>(512);
    private final Symmetry.Relabel relabel;
    private final java.util.function.UnaryOperator<String> strings;
    /** A member's local walk: where it stops (the program, other members' and index lists' objects). */
    private final IdentityHashMap<Object, int[]> stop;
    private final Object stopAt;
    /** The symmetry whose bags are hashed as multisets (null: none). */
    private Symmetry bag;
    private final int selfGroup;
    private final int selfMember;
    private long a = 0x243F6A8885A308D3L;
    private long b = 0x13198A2E03707344L;
    private final List<Object> stack = new ArrayList<>(256);
    /** With {@link #describe}: the walk as text, one token a line. */
    private StringBuilder text;

    private StateHash(Symmetry.Relabel relabel, java.util.function.UnaryOperator<String> strings,
                      IdentityHashMap<Object, int[]> stop, Object stopAt, int selfGroup, int selfMember) {
        this.relabel = relabel;
        this.strings = strings;
        this.stop = stop;
        this.stopAt = stopAt;
        this.selfGroup = selfGroup;
        this.selfMember = selfMember;
    }

    /** The fingerprint of the state reachable from {@code root}: two longs. */
    public static long[] of(Object root) {
        return of(root, null);
    }

    /** The fingerprint of the state with the members permuted by {@code relabel} (null: as it is). */
    public static long[] of(Object root, Symmetry.Relabel relabel) {
        StateHash h = new StateHash(relabel, relabel == null ? null : relabel::string, null, null, -1, -1);
        h.bag = relabel == null ? null : relabel.symmetry();
        h.walk(root);
        return new long[]{mix(h.a), mix(h.b ^ h.seen.size())};
    }

    /**
     * The fingerprint of one member's own objects, the group's name tokens made neutral (its own by
     * role, the others' as "another member's", {@link Symmetry#neutral}): the walk stops at the
     * program and at objects of other members and of index lists (hashed by whose they are), so
     * that two members whose states are swapped get each other's local fingerprint.
     */
    static long[] local(List<Object> objects, Object program, Symmetry sym, int group, int member) {
        StateHash h = localWalk(program, sym, group, member);
        h.walk(objects);
        return new long[]{mix(h.a), mix(h.b ^ h.seen.size())};
    }

    private static StateHash localWalk(Object program, Symmetry sym, int group, int member) {
        StateHash h = new StateHash(null, s -> sym.neutral(s, group, member), sym.owners(), program, group, member);
        h.bag = sym;
        return h;
    }

    /** The walk that {@link #local} hashes, as text (one token a line): to see why two members that should sort alike do not. */
    public static String describeLocal(Object program, Symmetry sym, int group, int member) {
        StateHash h = localWalk(program, sym, group, member);
        h.text = new StringBuilder();
        h.walk(sym.groups().get(group).get(member));
        return h.text.toString();
    }

    /**
     * The walk that {@link #of(Object, Symmetry.Relabel)} hashes, as text (one token a line): to
     * see why two states that should be equal are not.
     */
    public static String describe(Object root, Symmetry.Relabel relabel) {
        StateHash h = new StateHash(relabel, relabel == null ? null : relabel::string, null, null, -1, -1);
        h.bag = relabel == null ? null : relabel.symmetry();
        h.text = new StringBuilder();
        h.walk(root);
        return h.text.toString();
    }

    private void note(Object o) {
        if (text != null) {
            text.append(o).append('\n');
        }
    }

    private void mixIn(long v) {
        a = Long.rotateLeft(a ^ (v * M1), 27) * 5 + 0x52DCE729;
        b = Long.rotateLeft(b + (v ^ (v >>> 29)) * M2, 31) * 7 + 0x38495AB5;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void walk(Object root) {
        stack.add(root);
        while (!stack.isEmpty()) {
            Object o = stack.remove(stack.size() - 1);
            visit(o);
        }
    }

    /** Marker pushed after a container's elements: its end (so that [[a],b] and [[a,b]] differ). */
    private static final Object END = new Object();

    /** In a description only: the name of the field whose value comes next (not hashed). */
    private record Label(String field) {
    }

    private void visit(Object o) {
        if (o instanceof Label l) {
            note("." + l.field());
            return;
        }
        if (o == END) {
            mixIn(0xE0D);
            return;
        }
        if (o == null) {
            mixIn(1);
            return;
        }
        if (o instanceof String s) {
            mixIn(2);
            String v = strings == null ? s : strings.apply(s);
            note("\"" + v + "\"");
            mixIn(v.hashCode());
            mixIn(s.length());
            return;
        }
        if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof Enum<?>) {
            note(o);
        }
        if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
            mixIn(3);
            mixIn(o.getClass().getName().hashCode());
            mixIn(o.hashCode());
            if (o instanceof Long l) {
                mixIn(l >>> 32);
            }
            return;
        }
        if (o instanceof Enum<?> e) {
            mixIn(4);
            mixIn(e.getDeclaringClass().getName().hashCode());
            mixIn(e.ordinal());
            return;
        }
        if (o instanceof Tracker || o instanceof StepContext || o instanceof Class<?>) {
            mixIn(5);
            return;
        }
        if (stop != null && o != null) {
            int[] w = o == stopAt ? new int[]{-2, -2} : stop.get(o);
            if (w != null && (w[0] != selfGroup || w[1] != selfMember)) {
                note("stop " + (w[0] == selfGroup ? "other member" : "group " + w[0]));
                mixIn(11);
                mixIn(w[0] == selfGroup ? -3 : w[0]); // another member of the same group reads alike
                return;
            }
        }
        Integer back = seen.get(o);
        if (back != null) {
            note("@" + back);
            mixIn(6);
            mixIn(back);
            return;
        }
        seen.put(o, seen.size());
        Class<?> c = o.getClass();
        note("#" + (seen.size() - 1) + " " + className(c));
        if (c.isArray()) {
            int n = Array.getLength(o);
            mixIn(7);
            mixIn(c.getComponentType().getName().hashCode());
            mixIn(n);
            push(END);
            for (int i = n - 1; i >= 0; i--) {
                push(Array.get(o, i));
            }
            return;
        }
        if (o instanceof Collection<?> coll && bag != null && bag.bag(coll)) {
            // a multiset of values: each element hashed alone, the hashes sorted
            long[] hs = new long[coll.size()];
            int i = 0;
            for (Object e : coll) {
                Object v = e instanceof String str && strings != null ? strings.apply(str) : e;
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character)) {
                    throw new IllegalStateException("a bag holds values only, not a " + (v == null ? "null" : v.getClass().getName()));
                }
                hs[i++] = mix(v.hashCode() * M1 + v.getClass().getName().hashCode());
            }
            java.util.Arrays.sort(hs);
            if (text != null) {
                List<String> vs = new ArrayList<>();
                for (Object e : coll) {
                    vs.add(String.valueOf(e instanceof String str && strings != null ? strings.apply(str) : e));
                }
                java.util.Collections.sort(vs);
                note("bag " + vs);
            }
            mixIn(12);
            mixIn(hs.length);
            for (long h : hs) {
                mixIn(h);
            }
            return;
        }
        if (o instanceof Collection<?> coll) {
            mixIn(8);
            mixIn(coll.size());
            push(END);
            boolean ownFirst = relabel == null && stop != null && bag != null && bag.indexList(coll);
            if (relabel == null && !ownFirst && coll instanceof List<?> list && coll instanceof java.util.RandomAccess) {
                for (int i = list.size() - 1; i >= 0; i--) { // in order, as the copy below would be: no copy
                    push(list.get(i));
                }
                return;
            }
            List<Object> items = new ArrayList<>(coll);
            if (relabel != null) {
                items = relabel.order(coll, items);
            } else if (ownFirst) {
                items = selfFirst(items);
            }
            for (int i = items.size() - 1; i >= 0; i--) {
                push(items.get(i));
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            mixIn(9);
            mixIn(map.size());
            List<Object> items = new ArrayList<>(2 * map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                items.add(e.getKey());
                items.add(e.getValue());
            }
            push(END);
            for (int i = items.size() - 1; i >= 0; i--) {
                push(items.get(i));
            }
            return;
        }
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            throw new IllegalStateException("state of a " + name + " cannot be fingerprinted: use a list, a sorted map or a field of a program class");
        }
        mixIn(10);
        mixIn(NAME_HASH.get(c));
        Field[] fields = strings == null ? FIELDS.get(c) : UNNAMED.get(c);
        push(END);
        for (int i = fields.length - 1; i >= 0; i--) {
            Field f = fields[i];
            try {
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    push(f.get(o)); // boxed: hashed as a value
                } else {
                    push(f.get(o));
                }
                if (text != null) {
                    push(new Label(f.getName()));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + c.getName() + "." + f.getName() + " for the state fingerprint", e);
            }
        }
    }

    /**
     * An index list as a member's local walk sees it: the slots that hold objects of the group's
     * members keep their places, filled with the member's own objects first (in their order), then
     * the others' (which read alike), so that the walk does not depend on which member is where.
     */
    private List<Object> selfFirst(List<Object> items) {
        List<Object> own = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        for (Object e : items) {
            int[] w = e == null ? null : stop.get(e);
            if (w != null && w[0] == selfGroup) {
                (w[1] == selfMember ? own : others).add(e);
            }
        }
        if (own.isEmpty() || others.isEmpty()) {
            return items;
        }
        own.addAll(others);
        List<Object> out = new ArrayList<>(items.size());
        int k = 0;
        for (Object e : items) {
            int[] w = e == null ? null : stop.get(e);
            out.add(w != null && w[0] == selfGroup ? own.get(k++) : e);
        }
        return out;
    }

    private void push(Object o) {
        stack.add(o);
    }

    /** A class's name, without the per-run suffix of a lambda's hidden class (its captured values are hashed). */
    private static String className(Class<?> c) {
        String n = c.getName();
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(0, slash);
    }

    /** {@code className(c).hashCode()}, computed once per class. */
    private static final ClassValue<Integer> NAME_HASH = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return className(type).hashCode();
        }
    };

    /** Every instance field that is state, superclass first, in declaration order. */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return fields(type, false);
        }
    };

    /**
     * The same without names: final fields of a primitive or String type, fixed when the object was
     * made (an id, a name, a key). Under a symmetry the permuted state renames them; the
     * object's place in the walk already says which object it is.
     */
    private static final ClassValue<Field[]> UNNAMED = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return fields(type, true);
        }
    };

    private static Field[] fields(Class<?> type, boolean unnamed) {
        {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
                chain.add(0, k);
            }
            List<Field> out = new ArrayList<>();
            for (Class<?> k : chain) {
                for (Field f : k.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                        continue;
                    }
                    if (unnamed && Modifier.isFinal(m) && (f.getType().isPrimitive() || f.getType() == String.class)) {
                        continue;
                    }
                    out.add(f);
                }
            }
            Field[] fs = out.toArray(new Field[0]);
            AccessibleObject.setAccessible(fs, true);
            return fs;
        }
    }
}
