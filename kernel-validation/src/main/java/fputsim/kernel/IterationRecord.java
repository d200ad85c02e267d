/*
 * IterationRecord: what one iteration saw, from the helper's key=value line; all stamps
 * are CLOCK_MONOTONIC ns. Serialised to iterations.json as is.
 * Leaves out: fio's own output (a SIGKILLed fio prints no report).
 * Checks: outcome() classifies the iteration; windowNs() is wait-returned to last EBUSY.
 * exitMode names how the workload ended (ExitMode.Kind labels: kill, fio-completes, close-ring);
 * timedOut: a no-kill workload still running at the bound (killed by the helper); inflightAtClose:
 * fputsim-close-ring's reads in flight at close(2) of the ring (-1 when not that mode).
 * Checked by: KtapTest (parse and classification), ExitModeTest.
 */
package fputsim.kernel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashMap;
import java.util.Map;

/** The fields in a fixed order: Jackson's order of the two derived ones (outcome, windowNs) varied from JVM to JVM. */
@JsonPropertyOrder({"iteration", "sleepUs", "fioPid", "fioEarlyExit", "fioStatus", "killNs", "waitNs", "firstUmountNs", "lastEbusyNs", "doneNs",
        "helperDelayNs", "attempts", "ebusy", "umountErrno", "mountError", "fioError", "exitMode", "timedOut",
        "inflightAtClose", "outcome", "windowNs"})
public record IterationRecord(int iteration, long sleepUs, int fioPid, boolean fioEarlyExit, int fioStatus,
        long killNs, long waitNs, long firstUmountNs, long lastEbusyNs, long doneNs, long helperDelayNs,
        int attempts, int ebusy, int umountErrno, String mountError, String fioError, String exitMode,
        boolean timedOut, int inflightAtClose) {

    /** A kill-mode record (the fields before the no-kill modes existed). */
    public IterationRecord(int iteration, long sleepUs, int fioPid, boolean fioEarlyExit, int fioStatus,
            long killNs, long waitNs, long firstUmountNs, long lastEbusyNs, long doneNs, long helperDelayNs,
            int attempts, int ebusy, int umountErrno, String mountError, String fioError) {
        this(iteration, sleepUs, fioPid, fioEarlyExit, fioStatus, killNs, waitNs, firstUmountNs, lastEbusyNs, doneNs,
                helperDelayNs, attempts, ebusy, umountErrno, mountError, fioError, ExitMode.Kind.KILL.label, false, -1);
    }

    /** Without fio's error line (fio did not fail, or it was not read). */
    public IterationRecord(int iteration, long sleepUs, int fioPid, boolean fioEarlyExit, int fioStatus,
            long killNs, long waitNs, long firstUmountNs, long lastEbusyNs, long doneNs, long helperDelayNs,
            int attempts, int ebusy, int umountErrno, String mountError) {
        this(iteration, sleepUs, fioPid, fioEarlyExit, fioStatus, killNs, waitNs, firstUmountNs, lastEbusyNs, doneNs,
                helperDelayNs, attempts, ebusy, umountErrno, mountError, "");
    }

    /** fio's first error line, kept when fio exited on its own with an error. */
    public IterationRecord withFioError(String line) {
        return new IterationRecord(iteration, sleepUs, fioPid, fioEarlyExit, fioStatus, killNs, waitNs, firstUmountNs,
                lastEbusyNs, doneNs, helperDelayNs, attempts, ebusy, umountErrno, mountError, line, exitMode, timedOut,
                inflightAtClose);
    }

    /** fputsim-close-ring's count of reads still in flight when it closed the ring (-1: not reported). */
    public IterationRecord withInflightAtClose(int n) {
        return new IterationRecord(iteration, sleepUs, fioPid, fioEarlyExit, fioStatus, killNs, waitNs, firstUmountNs,
                lastEbusyNs, doneNs, helperDelayNs, attempts, ebusy, umountErrno, mountError, fioError, exitMode, timedOut, n);
    }

    /** A no-kill iteration whose workload did not exit by itself with status 0 (killed at the bound, or failed). */
    public boolean exitFailed() {
        return !ExitMode.Kind.KILL.label.equals(exitMode) && (timedOut || fioStatus != 0);
    }

    /** fio exited on its own before the kill with a non-zero exit status (not by a signal). */
    public boolean fioFailed() {
        return fioEarlyExit && (fioStatus & 0x7f) == 0 && (fioStatus >> 8) != 0;
    }

    public enum Outcome {
        /** umount succeeded at the first attempt. */
        UNMOUNTED,
        /** umount returned EBUSY at least once after wait, then succeeded: the bug. */
        BUSY_THEN_UNMOUNTED,
        /** umount still failing at the bound, or failing with another errno. */
        STUCK,
        /** fio was gone before the kill: this iteration tested nothing. */
        FIO_EXITED_EARLY,
        /** the mount before the iteration failed (e.g. EBUSY on the device claim). */
        MOUNT_FAILED,
        /** no-kill modes: the workload did not exit by itself with status 0 (killed at the bound, or an error). */
        EXIT_FAILED
    }

    @JsonProperty("outcome")
    public Outcome outcome() {
        if (!mountError.isEmpty())
            return Outcome.MOUNT_FAILED;
        if (exitFailed())
            return Outcome.EXIT_FAILED;
        if (fioEarlyExit)
            return Outcome.FIO_EXITED_EARLY;
        if (umountErrno != 0)
            return Outcome.STUCK;
        return ebusy > 0 ? Outcome.BUSY_THEN_UNMOUNTED : Outcome.UNMOUNTED;
    }

    public boolean busy() {
        return ebusy > 0;
    }

    /** From wait returning to the last EBUSY: how long the mount stayed pinned after reap. */
    @JsonProperty("windowNs")
    public long windowNs() {
        return busy() ? lastEbusyNs - waitNs : 0;
    }

    public static IterationRecord mountFailed(int iteration, long sleepUs, String why) {
        return new IterationRecord(iteration, sleepUs, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                why.isEmpty() ? "mount failed" : why);
    }

    /** Parses the helper's line ("iter=1 fio_pid=... umount_errno=0"). */
    public static IterationRecord parse(String line) {
        Map<String, String> kv = new HashMap<>();
        for (String tok : line.strip().split("\\s+")) {
            int eq = tok.indexOf('=');
            if (eq > 0)
                kv.put(tok.substring(0, eq), tok.substring(eq + 1));
        }
        if (!kv.containsKey("iter") || !kv.containsKey("umount_errno"))
            throw new KernelValidationException("helper printed no result line: '" + line.strip() + "'");
        return new IterationRecord((int) num(kv, "iter"), num(kv, "sleep_us"), (int) num(kv, "fio_pid"),
                num(kv, "fio_early_exit") != 0, (int) num(kv, "fio_status"), num(kv, "kill_ns"),
                num(kv, "wait_ns"), num(kv, "first_umount_ns"), num(kv, "last_ebusy_ns"), num(kv, "done_ns"),
                num(kv, "helper_delay_ns"), (int) num(kv, "attempts"), (int) num(kv, "ebusy"),
                (int) num(kv, "umount_errno"), "", "", kv.getOrDefault("exit_mode", "kill").equals("no-kill") ? "no-kill"
                        : ExitMode.Kind.KILL.label, num(kv, "timed_out") != 0, -1);
    }

    /** The record of a no-kill iteration names the mode that ran (the helper only knows kill / no-kill). */
    public IterationRecord withExitMode(String mode) {
        return new IterationRecord(iteration, sleepUs, fioPid, fioEarlyExit, fioStatus, killNs, waitNs, firstUmountNs,
                lastEbusyNs, doneNs, helperDelayNs, attempts, ebusy, umountErrno, mountError, fioError, mode, timedOut,
                inflightAtClose);
    }

    private static long num(Map<String, String> kv, String k) {
        try {
            return Long.parseLong(kv.getOrDefault(k, "0"));
        } catch (NumberFormatException e) {
            throw new KernelValidationException("helper field " + k + " is not a number: " + kv.get(k));
        }
    }
}
