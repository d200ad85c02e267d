package fputsim.model;

import fputsim.explore.ProgramFactory;
import fputsim.explore.Property;
import fputsim.model.props.KernelProperty;
import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.scenario.Scenarios;
import fputsim.model.variant.Variants;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario, its configuration and a variant, as the explorer sees them: a factory of fresh
 * kernels. The program id names all three, so a replay token says exactly what it replays:
 * {@code 03/jobs=2,iodepth=2,...,engine=io_uring/baseline-6.18}.
 */
public final class ModelFactory implements ProgramFactory<Kernel> {
    private final Scenario scenario;
    private final ScenarioConfig config;
    private final Variant variant;
    private final List<Property<? super Kernel>> properties;

    public ModelFactory(Scenario scenario, ScenarioConfig config, Variant variant) {
        this(scenario, config, variant, false);
    }

    private ModelFactory(Scenario scenario, ScenarioConfig config, Variant variant, boolean probes) {
        this.scenario = scenario;
        this.config = config;
        this.variant = variant;
        this.properties = new ArrayList<>(KernelProperty.all());
        if (probes) {
            this.properties.addAll(fputsim.model.props.Reached.probes());
        }
    }

    /** The same model with the non-vacuity probes ({@link fputsim.model.props.Reached}) after the properties. */
    public ModelFactory withProbes() {
        return new ModelFactory(scenario, config, variant, true);
    }

    /** True for a probe's tally (not a property: it counts schedules reaching a state). */
    public static boolean isProbe(String propertyName) {
        return propertyName.startsWith("Reached:");
    }

    public static ModelFactory of(String scenario, ScenarioConfig config, String variant) {
        Scenario s = Scenarios.find(scenario);
        Variant v = Variants.find(variant);
        if (s == null || v == null) {
            throw new IllegalArgumentException("unknown " + (s == null ? "scenario " + scenario : "variant " + variant));
        }
        return new ModelFactory(s, config == null ? s.defaults() : config, v);
    }

    /** Rebuilds the factory a program id names, with a variant resolver for user classes. */
    public static ModelFactory fromId(String id, java.util.function.Function<String, Variant> variants) {
        String[] parts = id.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a model program id: " + id);
        }
        Scenario s = Scenarios.find(parts[0]);
        if (s == null) {
            throw new IllegalArgumentException("unknown scenario " + parts[0]);
        }
        Variant v = variants.apply(parts[2]);
        if (v == null) {
            throw new IllegalArgumentException("unknown variant " + parts[2]);
        }
        return new ModelFactory(s, ScenarioConfig.parse(parts[1]), v);
    }

    @Override
    public String version() {
        return KernelVersion.MODEL;
    }

    @Override
    public String id() {
        return scenario.number() + "/" + config.id() + "/" + variant.name();
    }

    @Override
    public Kernel create() {
        return create(new fputsim.explore.Tracker());
    }

    /** A fresh kernel whose shared state declares to {@code tracker} (a mutant's, or a discovering one). */
    public Kernel create(fputsim.explore.Tracker tracker) {
        Kernel k = new Kernel(variant, tracker);
        scenario.build(k, config);
        return k;
    }

    /** The same model, every fresh kernel declaring to a tracker from {@code trackers}. */
    public ProgramFactory<Kernel> withTrackers(java.util.function.Supplier<fputsim.explore.Tracker> trackers) {
        ModelFactory f = this;
        return new ProgramFactory<>() {
            @Override public String version() { return f.version(); }
            @Override public String id() { return f.id(); }
            @Override public Kernel create() { return f.create(trackers.get()); }
            @Override public List<Property<? super Kernel>> properties() { return f.properties(); }
        };
    }

    @Override
    public List<Property<? super Kernel>> properties() {
        return properties;
    }

    /** The same model, with {@code setUp} applied to every fresh kernel before its first step (e.g. recording the ledger). */
    public ProgramFactory<Kernel> onCreate(java.util.function.Consumer<Kernel> setUp) {
        ModelFactory f = this;
        return new ProgramFactory<>() {
            @Override public String version() { return f.version(); }
            @Override public String id() { return f.id(); }
            @Override public Kernel create() {
                Kernel k = f.create();
                setUp.accept(k);
                return k;
            }
            @Override public List<Property<? super Kernel>> properties() { return f.properties(); }
        };
    }

    public Scenario scenario() {
        return scenario;
    }

    public ScenarioConfig config() {
        return config;
    }

    public Variant variant() {
        return variant;
    }
}
