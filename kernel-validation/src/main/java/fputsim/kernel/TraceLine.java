/*
 * TraceLine: one parsed line of a tracefs "trace" file: who (task, pid, cpu), when
 * (timestamp in ns, trace_clock=mono so it matches the helper's CLOCK_MONOTONIC stamps), what.
 * Leaves out: the irq/preempt flags column.
 * Checked by: FtraceParserTest.
 */
package fputsim.kernel;

public record TraceLine(String task, int pid, int cpu, long timestampNs, TraceEvent event) {
}
