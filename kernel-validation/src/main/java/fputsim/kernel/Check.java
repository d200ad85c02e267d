/*
 * Check: one requirement of the real-kernel run and whether this host meets it.
 * Leaves out: remedies; the reason says what is missing in one line, fstests style.
 * Checked by: KernelDoctorTest.
 */
package fputsim.kernel;

public record Check(String name, boolean ok, String reason) {
    public static Check ok(String name) {
        return new Check(name, true, "");
    }

    public static Check notRun(String name, String reason) {
        return new Check(name, false, reason);
    }

    /** "ok" or "not run: reason", as fstests prints it. */
    public String line() {
        return String.format("%-18s %s", name, ok ? "ok" : "not run: " + reason);
    }
}
