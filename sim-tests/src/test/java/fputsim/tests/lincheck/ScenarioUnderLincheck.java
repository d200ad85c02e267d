package fputsim.tests.lincheck;

import fputsim.explore.Program;
import fputsim.explore.Property;
import fputsim.explore.ReplayToken;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a {@link ThreadedScenario} under {@code Lincheck.runConcurrentTest}: Lincheck's model checker chooses
 * which waiting actor thread takes the global monitor next. The block throws in the calling thread (child
 * thread exceptions do not fail runConcurrentTest) when one of the asked properties was violated, with the
 * replay token of the schedule in the message. Lincheck's search is bounded by its invocation count, not
 * exhaustive: "not found" means "not found within the budget".
 */
public final class ScenarioUnderLincheck {
    private static final Pattern TOKEN = Pattern.compile("FPS1:[^\\s;|]+");

    /** What one runConcurrentTest call saw: the first violating schedule, or none. */
    public record Outcome(boolean found, String token, String reportHead, long nanos) {
        public ReplayToken replayToken() {
            return ReplayToken.decode(token);
        }
    }

    private ScenarioUnderLincheck() {
    }

    /** Explores with at most {@code invocations} Lincheck invocations, stopping at the first violation of any of {@code properties}. */
    public static Outcome search(ModelFactory factory, List<? extends Property<? super Kernel>> properties, int invocations) {
        String inconclusive = null;
        for (int attempt = 1; attempt <= INCONCLUSIVE_ATTEMPTS; attempt++) {
            try {
                return searchOnce(factory, properties, invocations);
            } catch (Inconclusive e) {
                inconclusive = e.getMessage();
                System.out.printf("Lincheck attempt %d of %d on %s inconclusive: %s%n", attempt, INCONCLUSIVE_ATTEMPTS, factory.id(), inconclusive);
            }
        }
        // Not a result about the model: Lincheck's own wall clock ran out. Say so, do not fail or pass.
        throw new org.opentest4j.TestAbortedException("inconclusive after " + INCONCLUSIVE_ATTEMPTS
                + " attempts: " + inconclusive + " (Lincheck 3.7's fixed 30 s per-invocation wall clock; the machine is too loaded)");
    }

    /**
     * Lincheck 3.7's runConcurrentTest ends an invocation that takes longer than a fixed 30 s of wall
     * clock ("has hung": CTestConfiguration.DEFAULT_TIMEOUT_MS, which runConcurrentTest does not let us
     * change), and the first invocation of every call runs freshly instrumented, cold code: above about
     * load 25 on 2 cores it can pass 30 s. That says nothing about the model (the explorer checks
     * ExitTerminates, which is what a real hang would be). Such an attempt is repeated, then reported as
     * inconclusive (docs/lincheck.md, "A loaded runner"); the abandoned attempt's threads end
     * ({@link ThreadedScenario#abandon()}), so a retry does not run beside them.
     */
    static final int INCONCLUSIVE_ATTEMPTS = 3;

    private static final class Inconclusive extends RuntimeException {
        Inconclusive(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Outcome searchOnce(ModelFactory factory, List<? extends Property<? super Kernel>> properties, int invocations) {
        ThreadedScenario scenario = new ThreadedScenario(factory, properties, LincheckBudgets.SCENARIO_MAX_STEPS);
        Block block = new Block(scenario, specimens(scenario));
        long t0 = System.nanoTime();
        try {
            Lincheck.runConcurrentTest(invocations, block);
            return new Outcome(false, null, null, System.nanoTime() - t0);
        } catch (LincheckAssertionError e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("has hung") && !msg.contains("violation found: ")) {
                throw new Inconclusive("Lincheck: concurrent test has hung (its wall-clock limit)", e);
            }
            Matcher m = TOKEN.matcher(msg);
            if (!msg.contains("violation found: ") || !m.find()) {
                throw new AssertionError("Lincheck failed for another reason than a property:\n" + head(msg, 40), e);
            }
            return new Outcome(true, m.group(), head(msg, 6), System.nanoTime() - t0);
        } finally {
            scenario.abandon(); // the threads of an invocation Lincheck gave up on must not run on (ThreadedScenario#abandon)
        }
    }

    /**
     * Before Lincheck attaches: one instance of every class the state of a run on plain threads held at a step
     * boundary, and an empty array of every class of the model, of the explorer and of {@link ThreadedScenario}
     * (Lincheck transforms an array's component class; that covers classes a run only creates and drops within
     * a step, and classes with static methods only). See {@link Block}.
     */
    private static Object[] specimens(ThreadedScenario scenario) {
        Map<Class<?>, Object> specimens = new LinkedHashMap<>();
        ThreadedScenario.Result warm;
        try {
            warm = scenario.run(state -> collect(state, specimens, Collections.newSetFromMap(new IdentityHashMap<>())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        specimens.putIfAbsent(warm.getClass(), warm);
        for (Object o : List.of(new Thread(() -> { }), new ArrayList<>().iterator(), List.of(1, 2, 3), new Arrays[0])) {
            specimens.putIfAbsent(o.getClass(), o);
        }
        for (Class<?> beside : List.of(Kernel.class, Program.class, ThreadedScenario.class)) {
            for (Class<?> c : classesBeside(beside)) {
                if (!c.isPrimitive() && !specimens.containsKey(c)) {
                    specimens.put(c, Array.newInstance(c, 0));
                }
            }
        }
        return specimens.values().toArray();
    }

    /** The classes in the directory or jar {@code c} was loaded from, loaded but not initialised. */
    private static List<Class<?>> classesBeside(Class<?> c) {
        List<String> names = new ArrayList<>();
        try {
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.map(f -> where.relativize(f).toString().replace(java.io.File.separatorChar, '/')).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().map(JarEntry::getName).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of(); // not found: those classes are left to Lincheck's lazy instrumentation
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            if (!n.endsWith(".class") || n.endsWith("module-info.class") || n.endsWith("package-info.class")) {
                continue;
            }
            try {
                classes.add(Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'), false, c.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot be loaded here (e.g. a missing optional dependency) is never run by the model
            }
        }
        return classes;
    }

    /** Walks the object graph below {@code o}: the fields of fputsim's own classes, the elements of arrays and collections. */
    private static void collect(Object o, Map<Class<?>, Object> specimens, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        Class<?> c = o.getClass();
        specimens.putIfAbsent(c, o);
        if (o instanceof Object[] a) {
            for (Object e : a) {
                collect(e, specimens, seen);
            }
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                collect(k, specimens, seen);
                collect(v, specimens, seen);
            });
        } else if (o instanceof Iterable<?> i) {
            i.forEach(e -> collect(e, specimens, seen));
        }
        if (!c.getName().startsWith("fputsim.")) {
            return; // the JDK's internals are not read reflectively
        }
        for (; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    collect(f.get(o), specimens, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field that cannot be read only leaves its class to Lincheck's lazy instrumentation
                }
            }
        }
    }

    /**
     * What Lincheck runs in every invocation: one {@link ThreadedScenario#run()}. It also holds
     * {@code specimens}, never read, for this reason. Lincheck 3.7 instruments classes lazily: the first time an
     * invocation creates an object of a class or calls a static method of it, Lincheck retransforms that class
     * (one JVMTI retransformation each time, which also throws away JIT-compiled code), inside the invocation.
     * Every invocation is bounded by Lincheck's hang timeout, a fixed 30 s of wall clock that
     * {@code runConcurrentTest} does not let us set. For the whole model, the first invocation of each
     * {@code runConcurrentTest} call spent nearly all its time retransforming some 50 classes one by one: on
     * a loaded 2-core runner it passed 30 s, and Lincheck reported "Concurrent test has hung". Before the first invocation, outside
     * that timeout, Lincheck transforms in one batch the class of every object reachable from the block
     * ({@code ensureObjectIsTransformed}, and an array's component class with it): the specimens put every
     * class of the model into that batch, so no invocation retransforms anything and the first one costs
     * about twice a later one (measured at load 21: 21 s, then 5 to 12 s), not five times or more.
     */
    private static final class Block implements Runnable {
        private final ThreadedScenario scenario;
        @SuppressWarnings("unused") // reached by Lincheck's object-graph traversal, see the class comment
        private final Object[] specimens;

        Block(ThreadedScenario scenario, Object[] specimens) {
            this.scenario = scenario;
            this.specimens = specimens;
        }

        @Override
        public void run() {
            ThreadedScenario.Result r;
            try {
                r = scenario.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (r.anyViolation()) {
                throw new ViolationFound(r);
            }
        }
    }

    /**
     * The block's report of a violation, thrown in the calling thread. It keeps the run's threads reachable
     * ({@link ThreadedScenario.Result#threads()}): Lincheck 3.7 holds this exception as the invocation's result
     * while it re-runs the failing interleaving and lays out its trace, and names the trace's threads through
     * weak references; without it, a garbage collection in between made it throw IndexOutOfBoundsException.
     */
    static final class ViolationFound extends AssertionError {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"}) // held, not read: see the class comment
        private final transient List<Thread> threads;

        ViolationFound(ThreadedScenario.Result r) {
            super("violation found: " + r.describe());
            this.threads = r.threads();
        }
    }

    static String head(String text, int lines) {
        String[] l = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines, l.length); i++) {
            String line = l[i].length() > 300 ? l[i].substring(0, 300) + "..." : l[i];
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
