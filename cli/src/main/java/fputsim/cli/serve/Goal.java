package fputsim.cli.serve;

import fputsim.model.ModelFactory;
import fputsim.model.props.KernelProperty;
import fputsim.model.variant.Variants;

/**
 * What the student is asked to make happen: the forbidden outcome the scenario is about. On a
 * baseline kernel: "make it happen". On a fix (any other variant): "try to", since the patch
 * claims it cannot; the exhaustive search can say whether it can.
 *
 * @param property the property whose violation is the goal (its index in the factory's list)
 */
record Goal(int property, String name, String outcome, String text, boolean fix) {
    static Goal of(ModelFactory f) {
        String p = f.scenario().number().equals("05") ? "MountAfterUmountSucceeds" : "UmountNotBusyAfterReap";
        KernelProperty kp = KernelProperty.byName(p);
        int index = -1;
        for (int i = 0; i < f.properties().size(); i++) {
            if (f.properties().get(i).name().equals(p)) {
                index = i;
            }
        }
        String what = p.equals("MountAfterUmountSucceeds")
                ? "make mount(2) of the device fail with EBUSY after umount returned 0"
                : "make umount(2) return -EBUSY after wait() returned";
        boolean fix = !(f.variant().name().startsWith("baseline-") && Variants.find(f.variant().name()) != null);
        String text = fix ? "Try to " + what + " on " + f.variant().name() + " (the patch says you cannot)."
                : Character.toUpperCase(what.charAt(0)) + what.substring(1) + ".";
        return new Goal(index, kp.name(), kp.outcome(), text, fix);
    }
}
