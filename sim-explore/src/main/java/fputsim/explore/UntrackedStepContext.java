package fputsim.explore;

/**
 * A {@link StepContext} for stepping a program outside an exploration: setting it up, driving it by hand
 * in a test, or running it under another scheduler. Footprints are not recorded and every choice is 0;
 * a driver that records its choices overrides {@link #choose}. {@link StepContext#none()} is the shared
 * instance.
 */
public class UntrackedStepContext implements StepContext {
    static final UntrackedStepContext NONE = new UntrackedStepContext();

    @Override
    public void reads(Object object) {
    }

    @Override
    public void writes(Object object) {
    }

    @Override
    public void updates(Object object) {
    }

    @Override
    public int choose(int bound) {
        return 0;
    }
}
