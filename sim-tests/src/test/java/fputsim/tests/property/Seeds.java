package fputsim.tests.property;

import org.quicktheories.QuickTheory;

/** Fixed seeds for the property suites: a failure names its seed, so it reruns identically. */
final class Seeds {

    /** Examples per property: sequential and cheap, so a few hundred each. */
    static final int EXAMPLES = 500;

    private Seeds() {
    }

    static QuickTheory qt(long seed) {
        return QuickTheory.qt().withFixedSeed(seed).withExamples(EXAMPLES);
    }

    /** Runs a QuickTheories check and, if it fails, prefixes the failure with the seed. */
    static void withSeed(long seed, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            String name = seed + " (0x" + Long.toHexString(seed) + ")";
            System.out.println("property failed with fixed seed " + name);
            throw new AssertionError("fixed seed " + name + ": " + e.getMessage(), e);
        }
    }
}
