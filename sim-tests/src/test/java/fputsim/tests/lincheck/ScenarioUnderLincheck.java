package fputsim.tests.lincheck;

import fputsim.explore.Property;
import fputsim.explore.ReplayToken;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link ThreadedScenario} under {@code Lincheck.runConcurrentTest}: Lincheck's model checker chooses
 * which waiting actor thread takes the global monitor next. The block throws in the calling thread (child
 * thread exceptions do not fail runConcurrentTest) when one of the asked properties was violated, with the
 * replay token of the schedule in the message. Lincheck's search is bounded by its invocation count, not
 * exhaustive: "not found" means "not found within the budget".
 */
public final class ScenarioUnderLincheck {
    private static final Pattern TOKEN = Pattern.compile("FPS1:[^\\s;|]+");

    /** What one runConcurrentTest call saw: the first violating schedule, or none. */
    public record Outcome(boolean found, String token, String reportHead, long nanos) {
        public ReplayToken replayToken() {
            return ReplayToken.decode(token);
        }
    }

    private ScenarioUnderLincheck() {
    }

    /** Explores with at most {@code invocations} Lincheck invocations, stopping at the first violation of any of {@code properties}. */
    public static Outcome search(ModelFactory factory, List<? extends Property<? super Kernel>> properties, int invocations) {
        ThreadedScenario scenario = new ThreadedScenario(factory, properties, LincheckBudgets.SCENARIO_MAX_STEPS);
        long t0 = System.nanoTime();
        try {
            Lincheck.runConcurrentTest(invocations, () -> {
                ThreadedScenario.Result r;
                try {
                    r = scenario.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (r.anyViolation()) {
                    throw new AssertionError("violation found: " + r.describe());
                }
            });
            return new Outcome(false, null, null, System.nanoTime() - t0);
        } catch (LincheckAssertionError e) {
            String msg = String.valueOf(e.getMessage());
            Matcher m = TOKEN.matcher(msg);
            if (!msg.contains("violation found: ") || !m.find()) {
                throw new AssertionError("Lincheck failed for another reason than a property:\n" + head(msg, 40), e);
            }
            return new Outcome(true, m.group(), head(msg, 6), System.nanoTime() - t0);
        }
    }

    static String head(String text, int lines) {
        String[] l = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines, l.length); i++) {
            String line = l[i].length() > 300 ? l[i].substring(0, 300) + "..." : l[i];
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
