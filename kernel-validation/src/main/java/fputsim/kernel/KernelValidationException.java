/*
 * KernelValidationException: bad input or a host step that failed, with a one-line message.
 * Leaves out: stack traces for users; the CLI prints getMessage() only.
 * Checked by: ReproducerRunOptionsTest (unknown ioengine), KtapTest.
 */
package fputsim.kernel;

public final class KernelValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelValidationException(String oneLine) {
        super(oneLine);
    }

    public KernelValidationException(String oneLine, Throwable cause) {
        super(oneLine, cause);
    }
}
