package fputsim.model.sched;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;

import java.util.function.BiConsumer;

/**
 * An interrupt-context completion (a block I/O completion, or the page-unlock wake-up of an
 * async buffered read): one step, run at any point the explorer chooses. in_interrupt() is true,
 * so a final fput from here goes to delayed_fput.
 * Leaves out: which CPU, softirq versus hardirq, batching.
 */
public final class IrqContext extends TaskStruct {
    /** For a completion that fires once per submission: whether it may fire now; null for a one-shot completion. */
    private final java.util.function.BooleanSupplier armed;
    private final BiConsumer<TaskStruct, StepContext> rearmable;

    /**
     * A completion that may fire whenever {@code armed} says so (a request fio's loop submits
     * again): enabled while armed, finished otherwise, like an idle kworker. {@code armed} reads
     * only what {@code completion} declares (it must disarm it).
     */
    public IrqContext(Kernel kernel, String name, java.util.function.BooleanSupplier armed, BiConsumer<TaskStruct, StepContext> completion) {
        super(kernel, 0, name, 0, null);
        this.armed = armed;
        this.rearmable = completion;
    }

    @Override
    protected fputsim.explore.Status idleStatus() {
        return armed != null && armed.getAsBoolean() ? fputsim.explore.Status.ENABLED : fputsim.explore.Status.FINISHED;
    }

    @Override
    protected void startIdleWork(StepContext cx) {
        rearmable.accept(this, cx);
    }

    public IrqContext(Kernel kernel, String name, BiConsumer<TaskStruct, StepContext> completion) {
        super(kernel, 0, name, 0, null);
        this.armed = null;
        this.rearmable = null;
        call(new Frame() {
            @Override
            public String function() {
                return "irq";
            }

            @Override
            public boolean step(TaskStruct current, StepContext cx) {
                completion.accept(current, cx);
                return true;
            }
        });
    }

    @Override
    public String name() {
        return comm;
    }

    @Override
    public boolean inInterrupt() {
        return true;
    }
}
