package fputsim.explore;

/** herd7's words for how often a forbidden outcome was observed. */
public enum Verdict {
    Never, Sometimes, Always;

    public static Verdict of(long violating, long total) {
        if (violating == 0) {
            return Never;
        }
        return violating == total ? Always : Sometimes;
    }
}
