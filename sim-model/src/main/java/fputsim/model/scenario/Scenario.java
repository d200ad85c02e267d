package fputsim.model.scenario;

import fputsim.model.Kernel;

/**
 * A scenario: a script of user actions (open, submit, kill, wait, umount, mount) on top of the
 * model. Scenarios are numbered like a curriculum and selected by number or name.
 */
public abstract class Scenario {
    /** Two digits, e.g. {@code 03}. */
    public abstract String number();

    /** lower-case-with-dashes, e.g. {@code io-uring-kill-umount}. */
    public abstract String name();

    /** One line: what happens and what it shows. */
    public abstract String story();

    /** The configuration used when none is given. */
    public ScenarioConfig defaults() {
        return ScenarioConfig.defaults();
    }

    /**
     * True when the scenario's fio jobs run fio's I/O loop for {@link ScenarioConfig#fioLoop} above
     * 0 (they are built by {@code Scenario03IoUringKillUmount.buildFio}); a scenario that would
     * ignore the knob says false and a caller refuses it.
     */
    public boolean runsFioLoop() {
        return false;
    }

    /** Builds the objects and tasks of the scenario in a fresh kernel. */
    public abstract void build(Kernel k, ScenarioConfig c);

    public String key() {
        return number() + "-" + name();
    }

    @Override
    public String toString() {
        return key();
    }
}
