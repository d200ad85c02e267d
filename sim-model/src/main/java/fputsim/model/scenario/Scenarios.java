package fputsim.model.scenario;

import java.util.List;

/** The curriculum: every scenario, by number and by name. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new Scenario01CloseThenExit(), new Scenario02KthreadFinalFput(),
            new Scenario03IoUringKillUmount(), new Scenario04AioKillUmount(), new Scenario05LazyUmountThenMount(),
            new Scenario06SharedRingKillUmount(), new Scenario07LazyUmountThenFsck(), new Scenario08CleanExit(),
            new Scenario09CloseRingThenExit());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    /** By number ("03" or "3"), name ("io-uring-kill-umount") or key ("03-io-uring-kill-umount"); null if none. */
    public static Scenario find(String s) {
        for (Scenario sc : ALL) {
            if (sc.number().equals(s) || sc.name().equals(s) || sc.key().equals(s)
                    || (s.matches("\\d{1,2}") && Integer.parseInt(s) == Integer.parseInt(sc.number()))) {
                return sc;
            }
        }
        return null;
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }
}
