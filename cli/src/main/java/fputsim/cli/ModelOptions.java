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
    @Option(names = {"-s", "--scenario"}, defaultValue = "03", paramLabel = "NAME|NUMBER",
            description = "scenario by number or name (default: ${DEFAULT-VALUE}; see `fputsim list scenarios`)")
    String scenario;

    @Option(names = "--variant", defaultValue = "baseline-6.18", paramLabel = "NAME",
            description = "kernel variant (default: ${DEFAULT-VALUE}; see `fputsim list variants`)")
    String variant;

    @Option(names = "--variant-class", paramLabel = "CLASS",
            description = "a variant class of your own on the classpath (extends fputsim.model.Variant)")
    String variantClass;

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

    @Option(names = "--engine", paramLabel = "ENGINE", description = "io_uring, psync or libaio")
    String engine;

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
        try {
            return new ScenarioConfig(jobs != null ? jobs : d.jobs(), iodepth != null ? iodepth : d.iodepth(),
                    direct != null ? direct : d.direct(), defer != null ? defer : d.defer(),
                    sqpoll != null ? sqpoll : d.sqpoll(), fixed != null ? fixed : d.fixed(),
                    iowq != null ? iowq : d.iowq(), engine != null ? engine : d.engine());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    Variant variant() {
        Variant v = variantClass != null ? loadVariant(variantClass) : Variants.find(variant);
        if (v == null) {
            throw new UsageError(Suggest.unknown("variant", variant, Variants.names()));
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

    /** A registered variant by name, or a usage error listing them. */
    static Variant loadVariantByName(String name) {
        Variant v = Variants.find(name);
        if (v == null) {
            throw new UsageError(Suggest.unknown("variant", name, Variants.names()));
        }
        return v;
    }

    /** Loads a user's variant class: it must exist, extend Variant and have a public no-arg constructor. */
    static Variant loadVariant(String name) {
        Class<?> c;
        try {
            c = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageError("variant class " + name + " not found on the classpath");
        }
        if (!Variant.class.isAssignableFrom(c)) {
            throw new UsageError("variant class " + name + " does not extend fputsim.model.Variant");
        }
        Variant v;
        try {
            v = (Variant) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new UsageError("variant class " + name + " has no public no-argument constructor");
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
