package fputsim.cli.serve;

/** A request the page (or a script) got wrong: answered with {@link #status} and one line, never a stack trace. */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    static BadRequest bad(String message) {
        return new BadRequest(400, message);
    }

    /** The request refers to a step or an actor that the schedule has moved past. */
    static BadRequest conflict(String message) {
        return new BadRequest(409, message);
    }
}
