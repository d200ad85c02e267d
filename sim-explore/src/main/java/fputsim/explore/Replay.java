package fputsim.explore;

import fputsim.explore.strategy.ReplayStrategy;

/** Strict replay of a token: the same program, the same decisions, the same run. */
public final class Replay {
    private Replay() {
    }

    /** The replayed schedule and the program in its final state. */
    public record Replayed<P>(Execution execution, P program) {
    }

    /**
     * Replays {@code token} on a fresh program of {@code factory}.
     *
     * @throws ReplayToken.Invalid when the token was made by another model version, for another
     *                             program, or does not fit the program's schedule
     */
    public static <P extends Program> Replayed<P> run(ProgramFactory<P> factory, ReplayToken token) {
        token.requireFits(factory.version(), factory.id());
        Runner<P> runner = new Runner<>(factory, token.maxSteps());
        ReplayStrategy replay = new ReplayStrategy(token.decisions(), true);
        replay.beginSchedule();
        Execution e;
        try {
            e = runner.run(replay);
        } catch (ReplayStrategy.Mismatch m) {
            throw new ReplayToken.Invalid("replay token does not fit " + factory.id() + ": " + m.getMessage());
        }
        if (!replay.consumedAll()) {
            throw new ReplayToken.Invalid("replay token does not fit " + factory.id() + ": the program finished before the token's last decision");
        }
        return new Replayed<>(e, runner.lastProgram());
    }

    /** The token that replays {@code e}. */
    public static ReplayToken tokenOf(ProgramFactory<?> factory, String strategy, long seed, int maxSteps, Execution e) {
        return new ReplayToken(factory.version(), factory.id(), strategy, seed, maxSteps, e.decisions());
    }
}
