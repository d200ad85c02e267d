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

    /**
     * Whether a step's footprint may depend on the values the step reads (a step that writes an
     * object only when a count it reads is zero). DPOR's completeness is proven only for programs
     * where it does not (docs/explorer.md, point 7), so a DPOR search of such a program is
     * never a proof ({@link Completeness.Kind#UNPROVEN_REDUCTION}). The default is the conservative answer.
     */
    default boolean footprintsDependOnValues() {
        return true;
    }
}
