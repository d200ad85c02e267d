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

    public static Variant find(String name) {
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
