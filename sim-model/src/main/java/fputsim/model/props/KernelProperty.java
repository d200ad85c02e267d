package fputsim.model.props;

import fputsim.explore.Property;
import fputsim.model.Kernel;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.List;

/** Base of the model's properties: a name, the outcome it forbids, and a sentence with the kernel reason. */
public abstract class KernelProperty implements Property<Kernel> {
    private final String name;
    private final String outcome;
    private final String description;

    protected KernelProperty(String name, String outcome, String description) {
        this.name = name;
        this.outcome = outcome;
        this.description = description;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String outcome() {
        return outcome;
    }

    @Override
    public String description() {
        return description;
    }

    /** The event the last step emitted last, or null. */
    static Event lastEvent(Kernel k) {
        List<TraceEntry> t = k.trace;
        if (t.isEmpty() || t.get(t.size() - 1).step() != k.stepNumber()) {
            return null;
        }
        return t.get(t.size() - 1).event();
    }

    /** All named properties, in report order. */
    public static List<KernelProperty> all() {
        return List.of(new UmountNotBusyAfterReap(), new MountAfterUmountSucceeds(), new ExitTerminates(),
                new NoReferenceLeak(), new RefcountsNeverNegative(), new TaskWorkRunsOnceOrIsRejected());
    }

    public static KernelProperty byName(String name) {
        for (KernelProperty p : all()) {
            if (p.name().equals(name) || p.outcome().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
