package fputsim.model.timed;

import fputsim.explore.DecisionLog;
import fputsim.explore.Ending;
import fputsim.explore.ReplayToken;
import fputsim.model.Errno;
import fputsim.model.Kernel;
import fputsim.model.KernelVersion;
import fputsim.model.trace.Event;
import fputsim.model.trace.TraceEntry;

/**
 * One timed run: the schedule it took (the decision list, as the untimed explorer records it), the
 * simulated time of each step (ns; step i is {@code stepNs[i - 1]}), why each step waited, and the
 * kernel in its final state. {@link #token()} replays the schedule through the untimed explorer.
 */
public record TimedRun(String programId, long seed, DecisionLog decisionLog, long[] stepNs, int[] stepActor,
                       Latencies.Cause[] stepCause, Ending ending, Kernel kernel) {

    /** The schedule's decisions, as the untimed explorer records them. */
    public int[] decisions() {
        return decisionLog.decisions();
    }

    public int steps() {
        return stepNs.length;
    }

    /** The untimed replay token of this schedule (strategy "timed", the run's seed). */
    public ReplayToken token() {
        return decisionLog.token(KernelVersion.MODEL, programId, "timed", seed, steps());
    }

    /** The simulated time of the step that emitted {@code e} (trace entries carry their step number). */
    public long timeOf(TraceEntry e) {
        return stepNs[e.step() - 1];
    }

    /** When the shell's first wait4 (for fio) returned, or -1 if it did not. */
    public long waitReturnedNs() {
        for (TraceEntry e : kernel.trace) {
            if (e.event() instanceof Event.WaitReturned) {
                return timeOf(e);
            }
        }
        return -1;
    }

    /** When the kill was sent (the signal_generate event), or -1. */
    public long killNs() {
        for (TraceEntry e : kernel.trace) {
            if (e.event() instanceof Event.SignalDelivered) {
                return timeOf(e);
            }
        }
        return -1;
    }

    /** The first umount's result was EBUSY. */
    public boolean busy() {
        return !kernel.umountResults().isEmpty() && kernel.umountResults().get(0) == -Errno.EBUSY;
    }

    /** Wait returned to the last EBUSY (ns), 0 when the first umount succeeded, -1 without a wait. */
    public long windowNs() {
        long wait = waitReturnedNs();
        if (wait < 0) {
            return -1;
        }
        long last = -1;
        for (TraceEntry e : kernel.trace) {
            if (e.event() instanceof Event.UmountReturned u && u.errno() == -Errno.EBUSY) {
                last = timeOf(e);
            }
        }
        return last < 0 ? 0 : last - wait;
    }
}
