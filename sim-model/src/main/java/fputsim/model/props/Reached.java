package fputsim.model.props;

import fputsim.explore.Moment;
import fputsim.model.Kernel;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoRingCtx;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

import java.util.List;
import java.util.function.Predicate;

/**
 * A non-vacuity probe, not a property: "fails" in every schedule that reaches a state, so that its
 * violation count says how many schedules reached it. A fix whose EBUSY is Never must still reach
 * the states that lead to EBUSY on the baseline (the kill with requests in flight, the reap, the
 * umount); otherwise it passes by making the scenario unreachable.
 */
public final class Reached extends KernelProperty {
    private final Predicate<Kernel> reached;

    private Reached(String what, String description, Predicate<Kernel> reached) {
        super("Reached:" + what, what, description);
        this.reached = reached;
    }

    @Override
    public boolean holds(Kernel k, Moment moment) {
        return moment == Moment.AFTER_STEP || !reached.test(k);
    }

    /** The probes of the io_uring reproducer's path to EBUSY. */
    public static List<Reached> probes() {
        return List.of(
                new Reached("kill-with-requests-in-flight", "SIGKILL sent while a request still held its file", Reached::killedInFlight),
                new Reached("process-reaped", "the shell's wait returned for the killed process", k -> k.subject() != null
                        && has(k, e -> e instanceof Event.WaitReturned w && w.pid() == k.subject().tgid)),
                new Reached("umount-ran", "umount returned (with any result)", k -> has(k, e -> e instanceof Event.UmountReturned)));
    }

    private static boolean has(Kernel k, Predicate<Event> p) {
        for (TraceEntry e : k.trace) {
            if (p.test(e.event())) {
                return true;
            }
        }
        return false;
    }

    /** Some request completed after the kill (its completion event comes after the signal). */
    private static boolean killedInFlight(Kernel k) {
        int killedAt = -1;
        for (TraceEntry e : k.trace) {
            if (e.event() instanceof Event.SignalDelivered) {
                killedAt = e.step();
                break;
            }
        }
        if (killedAt < 0) {
            return false;
        }
        for (TraceEntry e : k.trace) {
            if (e.step() > killedAt && e.event() instanceof Event.RequestCompleted) {
                return true;
            }
        }
        for (IoRingCtx r : k.rings) {
            for (IoKiocb q : r.requests()) {
                if (!q.completed()) {
                    return true;
                }
            }
        }
        return false;
    }
}
