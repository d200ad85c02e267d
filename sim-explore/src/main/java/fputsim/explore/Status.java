package fputsim.explore;

/** What an actor can do next. The explorer only ever steps an {@link #ENABLED} actor. */
public enum Status {
    /** The next step can run now. */
    ENABLED,
    /** The next step waits for a condition another actor must make true. */
    BLOCKED,
    /** The actor has no more steps. */
    FINISHED
}
