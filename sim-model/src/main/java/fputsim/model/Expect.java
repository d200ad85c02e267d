package fputsim.model;

import fputsim.explore.Verdict;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One expected verdict, declared on the variant class it is about (as jcstress declares a test's
 * outcomes with {@code @Outcome}): in {@link #scenario} (under the configurations that
 * {@link #config} selects), {@link #property} is {@link #verdict}, because {@link #reason}.
 * A variant lists what it expects; for a scenario x configuration x property no declaration
 * selects, it expects {@link Verdict#Never}. The first declaration that selects a row decides it,
 * so a narrower one goes before a wider one. {@link Expectations} reads them; sim-model's
 * ExpectedVerdictsTest fails when a declaration and the explorer disagree on a row of the golden
 * table, and when a declaration selects no row.
 * Declarations are not inherited: a variant that subclasses another declares its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Expect.All.class)
public @interface Expect {
    /** A scenario number, e.g. {@code "03"}. */
    String scenario();

    /**
     * The configurations it covers: {@code key=value} fields of {@code ScenarioConfig.id()}, comma
     * separated, every one of which the configuration must have (e.g. {@code "fixed=1"},
     * {@code "defer=0,iowq=1"}); empty for every configuration of the scenario.
     */
    String config() default "";

    /** The property's outcome name, e.g. {@code "umount-busy-after-reap"}. */
    String property();

    Verdict verdict();

    /** One line: why (the path, and where it is written up). */
    String reason();

    /** The container of repeated {@link Expect}s. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface All {
        Expect[] value();
    }
}
