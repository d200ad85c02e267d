package fputsim.cli;

import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Which scenario, with which parameters, on which kernel variant. */
final class ModelOptions {
    @Option(names = {"-s", "--scenario"}, defaultValue = "03", paramLabel = "NAME|NUMBER", completionCandidates = Candidates.Scenarios.class,
            description = "scenario by number or name (default: ${DEFAULT-VALUE}; see `fputsim list scenarios`)")
    String scenario;

    static final String DEFAULT_VARIANT = "baseline-6.18";

    @Option(names = "--variant", paramLabel = "VARIANT", completionCandidates = Candidates.Variants.class,
            description = "kernel variant (default: " + DEFAULT_VARIANT + "; see `fputsim list variants`)")
    String variant;

    @Option(names = "--variant-class", paramLabel = "CLASS",
            description = "a variant class of your own on the classpath (extends fputsim.model.Variant); compare takes several")
    List<String> variantClasses;

    /** The one --variant-class given, or null; more than one is refused (only compare takes several). */
    String variantClass() {
        if (variantClasses == null || variantClasses.isEmpty()) {
            return null;
        }
        if (variantClasses.size() > 1) {
            throw new UsageError("this command takes one --variant-class, got " + variantClasses.size() + " (compare takes several)");
        }
        return variantClasses.get(0);
    }

    @Option(names = "--baseline", paramLabel = "VERSION",
            description = "apply the variant to another baseline kernel: 6.1 or 6.18 (default: the variant's own)")
    String baseline;

    @Option(names = "--jobs", paramLabel = "N", description = "fio jobs: threads with a ring and a file each (1..16)")
    Integer jobs;

    @Option(names = "--iodepth", paramLabel = "N", description = "requests in flight per ring (1..16)")
    Integer iodepth;

    @Option(names = "--direct", negatable = true, description = "O_DIRECT reads (completion from interrupt context)")
    Boolean direct;

    @Option(names = "--defer-taskrun", negatable = true, description = "IORING_SETUP_DEFER_TASKRUN (fio 3.33 sets it)")
    Boolean defer;

    @Option(names = "--sqpoll", negatable = true, description = "IORING_SETUP_SQPOLL")
    Boolean sqpoll;

    @Option(names = "--fixed-files", negatable = true, description = "registered (fixed) files")
    Boolean fixed;

    @Option(names = "--iowq", paramLabel = "N", description = "requests per ring held by io-wq workers (0..iodepth)")
    Integer iowq;

    @Option(names = "--engine", paramLabel = "ENGINE", completionCandidates = Candidates.Engines.class, description = "io_uring, psync or libaio")
    String engine;

    @Option(names = "--fio-loop", paramLabel = "N",
            description = "rounds of fio's I/O loop per job before its last wait (wait, reap, resubmit), so the kill can find "
                    + "0..iodepth requests in flight; 0 (default): every request in flight, no loop (0.." + ScenarioConfig.MAX_FIO_LOOP
                    + "; io_uring without --sqpoll and --iowq)")
    Integer fioLoop;

    Scenario scenario() {
        Scenario s = Scenarios.find(scenario);
        if (s == null) {
            List<String> valid = new ArrayList<>(Scenarios.names());
            Scenarios.all().forEach(x -> valid.add(x.number()));
            throw new UsageError(Suggest.unknown("scenario", scenario, valid));
        }
        return s;
    }

    ScenarioConfig config(Scenario s) {
        ScenarioConfig d = s.defaults();
        if (engine != null && !engine.equals("io_uring")) {
            ringOnly("--sqpoll", sqpoll != null && sqpoll);
            ringOnly("--fixed-files", fixed != null && fixed);
            ringOnly("--defer-taskrun", defer != null && defer);
            ringOnly("--iowq", iowq != null && iowq > 0);
            ringOnly("--fio-loop", fioLoop != null && fioLoop > 0);
        }
        if (fioLoop != null && fioLoop > 0 && !s.runsFioLoop()) {
            throw new UsageError("--fio-loop: scenario " + s.key() + " does not run fio's I/O loop (it applies to 03, 03r, 05, 06 and 07)");
        }
        try {
            return new ScenarioConfig(jobs != null ? jobs : d.jobs(), iodepth != null ? iodepth : d.iodepth(),
                    direct != null ? direct : d.direct(), defer != null ? defer : d.defer(),
                    sqpoll != null ? sqpoll : d.sqpoll(), fixed != null ? fixed : d.fixed(),
                    iowq != null ? iowq : d.iowq(), engine != null ? engine : d.engine(),
                    fioLoop != null ? fioLoop : d.fioLoop());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private void ringOnly(String option, boolean given) {
        if (given) {
            throw new UsageError(option + " is an io_uring setting, but --engine is " + engine + " (drop one of them)");
        }
    }

    Variant variant() {
        String variantClass = variantClass();
        if (variantClass != null && variant != null) {
            throw new UsageError("give --variant or --variant-class, not both (--variant " + variant + " would be ignored)");
        }
        Variant v;
        if (variantClass != null) {
            v = loadVariant(variantClass);
        } else {
            String name = variant == null ? DEFAULT_VARIANT : variant;
            v = Variants.find(name);
            if (v == null) {
                throw new UsageError(Suggest.unknown("variant", name, Variants.names()));
            }
        }
        if (baseline == null) {
            return v;
        }
        fputsim.model.Baseline b = fputsim.model.Baseline.of(baseline);
        if (b == null) {
            throw new UsageError(Suggest.unknown("baseline", baseline, java.util.Arrays.stream(fputsim.model.Baseline.values()).map(x -> x.version).toList()));
        }
        return b == v.baseline() ? v : v.on(b);
    }

    /**
     * A variant named on the command line: a registered name, or the fully qualified name of a
     * class of the user's (it has a dot, and is not registered).
     */
    static Variant resolve(String nameOrClass) {
        if (nameOrClass.isBlank()) {
            throw new UsageError("empty variant name (give registered names or class names, separated by commas)");
        }
        Variant v = Variants.find(nameOrClass);
        if (v != null) {
            return v;
        }
        if (nameOrClass.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+")) {
            return loadVariant(nameOrClass);
        }
        throw new UsageError(Suggest.unknown("variant", nameOrClass, Variants.names()) + " (or give a class name, e.g. com.example.MyFix)");
    }

    /** A registered variant by name, or a usage error listing them. */
    static Variant loadVariantByName(String name) {
        Variant v = Variants.find(name);
        if (v == null) {
            throw new UsageError(Suggest.unknown("variant", name, Variants.names()));
        }
        return v;
    }

    /**
     * Loads a user's variant class: it must exist, extend Variant, be concrete, have a public
     * no-argument constructor that returns, and name itself with a shell-safe name.
     */
    static Variant loadVariant(String name) {
        if (name.isBlank()) {
            throw new UsageError("--variant-class needs a class name (got an empty one)");
        }
        Watchdog.userClass(name);
        Class<?> c;
        try {
            c = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageError("variant class " + name + " not found on the classpath (add it with FPUTSIM_CLASSPATH)");
        }
        if (!Variant.class.isAssignableFrom(c)) {
            throw new UsageError("variant class " + name + " does not extend fputsim.model.Variant");
        }
        if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
            throw new UsageError("variant class " + name + " is abstract (give a concrete subclass)");
        }
        java.lang.reflect.Constructor<?> k;
        try {
            k = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UsageError("variant class " + name + " has no public no-argument constructor");
        }
        Variant v;
        try {
            v = (Variant) k.newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof StackOverflowError || t instanceof OutOfMemoryError) {
                throw (Error) t;
            }
            throw new UsageError("variant class " + name + ": its constructor threw " + t.getClass().getName()
                    + (t.getMessage() == null ? "" : ": " + Main.firstLine(t.getMessage(), "")));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UsageError("variant class " + name + " cannot be created: " + Main.firstLine(String.valueOf(e), "?"));
        }
        String n = v.name();
        if (n == null || !n.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            throw new UsageError("variant class " + name + ": name() must return a short name of letters, digits and . _ + -"
                    + " (it is the variant's name in tokens and reports), got " + (n == null ? "null" : "'" + n + "'"));
        }
        if (v.summary() == null) {
            throw new UsageError("variant class " + name + ": summary() returned null");
        }
        try {
            fputsim.model.VariantCheck.check(v);
        } catch (fputsim.model.VariantCheck.SharedStateOutsideTheModel e) {
            throw new UsageError(e.getMessage());
        }
        return v;
    }

    ModelFactory factory() {
        Scenario s = scenario();
        return new ModelFactory(s, config(s), variant());
    }
}
