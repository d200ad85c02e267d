package fputsim.explore;

import java.util.List;

/** Builds fresh program instances and names them, so that replay tokens can be checked. */
public interface ProgramFactory<P extends Program> {
    /** The model's version; a token made by another version is refused. */
    String version();

    /** Identifies the program (and its parameters); no ':' and no whitespace. */
    String id();

    P create();

    /** The properties to check on every schedule. */
    List<Property<? super P>> properties();
}
