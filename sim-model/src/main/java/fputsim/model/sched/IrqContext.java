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
    public IrqContext(Kernel kernel, String name, BiConsumer<TaskStruct, StepContext> completion) {
        super(kernel, 0, name, 0, null);
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
    public String traceName() {
        return comm + "-0";
    }

    @Override
    public boolean inInterrupt() {
        return true;
    }
}
