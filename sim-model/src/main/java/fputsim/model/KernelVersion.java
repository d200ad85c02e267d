package fputsim.model;

/** The kernel the model follows, recorded once and printed by every report. */
public final class KernelVersion {
    /** The baseline: Linux 6.18, the kernel of the machines this project runs on. */
    public static final String BASELINE = "6.18";

    /**
     * The model's own version; a replay token made by another model version is refused, because
     * the same decisions would drive a different model. Bump it whenever a step is added, removed
     * or reordered.
     */
    public static final String MODEL = "m3";

    private KernelVersion() {
    }
}
