package fputsim.model.variant;

import fputsim.model.Variant;

import java.util.ArrayList;
import java.util.List;

/** The registered variants, by name, baseline first. */
public final class Variants {
    private Variants() {
    }

    public static List<Variant> all() {
        List<Variant> v = new ArrayList<>();
        v.add(new Baseline618());
        v.add(new Baseline61());
        v.add(new FputSync());
        v.add(new UmountFlushDelayedFput());
        v.add(new ReleaseWaitNaive());
        v.add(new ExitCancel2023());
        v.add(new ExitCancel2024());
        v.add(new ExitCancel2026());
        return v;
    }

    /** A registered variant by name; {@code NAME@6.1} is that patch on another baseline. */
    public static Variant find(String name) {
        int at = name.lastIndexOf('@');
        if (at > 0) {
            Variant patch = find(name.substring(0, at));
            fputsim.model.Baseline base = fputsim.model.Baseline.of(name.substring(at + 1));
            return patch == null || base == null ? null : patch.on(base);
        }
        for (Variant v : all()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    public static List<String> names() {
        return all().stream().map(Variant::name).toList();
    }
}
