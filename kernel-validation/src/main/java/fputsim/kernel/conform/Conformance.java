/*
 * Conformance: can the model produce what the kernel did? For one captured iteration, the
 * guided search looks for a schedule of the model (scenario 03 on the matching baseline variant)
 * whose Projection skeleton equals the kernel's, umount result included. A real order the model
 * cannot produce within the bound is a model bug (or a projection bug): the result carries both
 * skeletons with the lines that produced them. "exhaustive" only when the guided search's
 * depth-first half ran out by itself (GuidedStrategy); its walks never count towards a proof.
 * Leaves out: timing (the model is untimed: "some later step"), counts of threads and rings
 * (see Projection), and iterations where fio was never killed.
 * Checked by: ConformanceTest, GuidedStrategyTest, RealKernelTest (every captured iteration of a traced run).
 */
package fputsim.kernel.conform;

import fputsim.explore.Ending;
import fputsim.explore.Execution;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Property;
import fputsim.explore.Replay;
import fputsim.explore.Runner;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.trace.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public final class Conformance {
    /** Default bounds: schedules tried per iteration, and steps per schedule. */
    public static final long MAX_SCHEDULES = 20_000;
    public static final int MAX_STEPS = 5_000;

    /**
     * The verdict for one real skeleton.
     *
     * @param model     on success the model's skeleton (equal to real); otherwise the closest the
     *                  search came: the longest matching prefix, then the event the model produced
     *                  instead of the next real one (if any)
     * @param modelLines the model steps that produced {@code model}'s events
     * @param exhausted the search tried every schedule (no bound hit): "cannot" is a proof
     * @param token     replay token of the witness schedule ("" when none)
     */
    public record Result(String programId, List<Event> real, List<String> realLines, boolean conforms,
            List<Event> model, List<String> modelLines, long schedules, boolean exhausted, String token) {

        /** One line: "conforms" or "DOES NOT CONFORM", the skeleton and the search's cost. */
        public String line() {
            return String.format(Locale.ROOT, "%s %s (%d schedules%s)", conforms ? "conforms:" : "DOES NOT CONFORM:",
                    Projection.describe(real), schedules, conforms ? "" : exhausted ? ", exhaustive" : ", bound hit");
        }

        /** Both skeletons side by side, with the lines that produced each event. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append("model   ").append(programId).append('\n');
            sb.append("kernel  ").append(Projection.describe(real)).append('\n');
            sb.append(conforms ? "model   " : "closest ").append(Projection.describe(model)).append('\n');
            int n = Math.max(real.size(), model.size());
            for (int i = 0; i < n; i++) {
                String mark = i < real.size() && i < model.size() && real.get(i).equals(model.get(i)) ? "  " : "!=";
                sb.append(String.format(Locale.ROOT, "%s %-22s %s%n", mark,
                        i < real.size() ? Projection.label(real.get(i)) : "-", i < realLines.size() ? "kernel: " + realLines.get(i) : ""));
                sb.append(String.format(Locale.ROOT, "   %-22s %s%n",
                        i < model.size() ? Projection.label(model.get(i)) : "-", i < modelLines.size() ? "model:  " + modelLines.get(i) : ""));
            }
            if (!token.isEmpty()) {
                sb.append("replay  ./fputsim replay ").append(token).append(" --detail steps\n");
            }
            return sb.toString();
        }
    }

    private Conformance() {
    }

    public static Result check(Projection real, ModelFactory f) {
        return check(real.events(), real.sources(), f, MAX_SCHEDULES, MAX_STEPS);
    }

    public static Result check(List<Event> real, List<String> realLines, ModelFactory f, long maxSchedules, int maxSteps) {
        return check(real, realLines, f, new GuidedStrategy(real, maxSchedules), maxSteps);
    }

    /** As {@link #check(List, List, ModelFactory, long, int)} with a given search (fresh, for {@code real}). */
    static Result check(List<Event> real, List<String> realLines, ModelFactory f, GuidedStrategy s, int maxSteps) {
        Runner<Kernel> runner = new Runner<>(watched(f, s), maxSteps);
        Projection closest = null;
        while (s.beginSchedule()) {
            Execution e = runner.run(s);
            if (e.ending() == Ending.PRUNED) {
                continue;
            }
            Projection got = s.finishedProjection();
            if (e.ending() == Ending.QUIESCENT && got.events().equals(real)) {
                String token = Replay.tokenOf(f, s.name(), 0, maxSteps, e).encode();
                return new Result(f.id(), real, realLines, true, got.events(), got.sources(), s.schedules(), false, token);
            }
            if (closest == null) {
                closest = got;
            }
        }
        Projection best = s.divergence() != null ? s.divergence() : closest;
        List<Event> model = best == null ? List.of() : best.events();
        List<String> lines = best == null ? List.of() : best.sources();
        boolean exhausted = s.exhausted();
        return new Result(f.id(), real, realLines, false, model, lines, s.schedules(), exhausted, "");
    }

    /** The factory as the search sees it: every fresh kernel is handed to the strategy to watch. */
    private static ProgramFactory<Kernel> watched(ModelFactory f, GuidedStrategy s) {
        return new ProgramFactory<>() {
            @Override
            public String version() {
                return f.version();
            }

            @Override
            public String id() {
                return f.id();
            }

            @Override
            public Kernel create() {
                Kernel k = f.create();
                s.attach(k);
                return k;
            }

            @Override
            public List<Property<? super Kernel>> properties() {
                return new ArrayList<>();
            }
        };
    }
}
