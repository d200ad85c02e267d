package fputsim.model;

import fputsim.model.sched.Frame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a variant that keeps shared state of its own. Shared state lives in the model's
 * structs, whose accessors declare their footprints; a mutable field of a subsystem or of the
 * variant (one instance per kernel, touched by every task) would be an access the explorer
 * cannot see, so its reduction could prune a schedule that matters. Frames may keep fields:
 * a frame is one call of one function by one task (its locals and program counter).
 *
 * <p>Checked: the variant's class, the classes of the subsystems it builds, and every class
 * nested in them (anonymous frames included), up to the model's own classes.
 */
public final class VariantCheck {
    private VariantCheck() {
    }

    /** Thrown when a variant keeps shared state outside the model's structs. */
    public static final class SharedStateOutsideTheModel extends IllegalArgumentException {
        SharedStateOutsideTheModel(String message) {
            super(message);
        }
    }

    /** @throws SharedStateOutsideTheModel naming the first field that holds shared mutable state */
    public static void check(Variant v) {
        Kernel k = new Kernel(v);
        Set<Class<?>> roots = new LinkedHashSet<>();
        roots.add(v.getClass());
        for (Object subsystem : new Object[] {k.taskWork, k.fileTable, k.namespace, k.exit, k.ioUring, k.aio}) {
            roots.add(subsystem.getClass());
        }
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c == null || c == Object.class || isModel(c) || !seen.add(c)) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                String why = refusal(c, f);
                if (why != null) {
                    throw new SharedStateOutsideTheModel("variant " + v.name() + ": " + c.getName() + "." + f.getName()
                            + " " + why + "; keep shared state in the model's structs, whose accessors declare it");
                }
            }
            todo.push(c.getSuperclass());
            for (Class<?> m : c.getNestHost().getNestMembers()) {
                todo.push(m);
            }
        }
    }

    /**
     * The model's own classes (from the model's jar, outside its variant package) keep their shared
     * state private and tracked; everything else a variant brings is checked.
     */
    private static boolean isModel(Class<?> c) {
        return c.getProtectionDomain().getCodeSource() != null
                && c.getProtectionDomain().getCodeSource().equals(Kernel.class.getProtectionDomain().getCodeSource())
                && !c.getName().startsWith("fputsim.model.variant.");
    }

    private static String refusal(Class<?> c, Field f) {
        int mod = f.getModifiers();
        if (f.isSynthetic() && Modifier.isFinal(mod) && !mutableType(f.getType())) {
            return null; // captured locals and this$0
        }
        boolean frame = Frame.class.isAssignableFrom(c);
        if (Modifier.isStatic(mod)) {
            return Modifier.isFinal(mod) && !mutableType(f.getType()) ? null : "is static mutable state (shared by every run)";
        }
        if (frame) {
            return null; // one call's locals
        }
        if (!Modifier.isFinal(mod)) {
            return "is a mutable field of a subsystem (shared by every task)";
        }
        if (mutableType(f.getType())) {
            return "holds a mutable " + f.getType().getSimpleName() + " shared by every task";
        }
        return null;
    }

    private static boolean mutableType(Class<?> t) {
        return t.isArray() || Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)
                || t.getName().startsWith("java.util.concurrent.atomic.");
    }
}
