package fputsim.model.trace;

/** One event of a model trace: the step that emitted it, the actor, and the event. */
public record TraceEntry(int step, String actor, int cpu, Event event) {
}
