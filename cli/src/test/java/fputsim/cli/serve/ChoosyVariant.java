package fputsim.cli.serve;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.Variant;
import fputsim.model.fs.File;
import fputsim.model.fs.FileTable;
import fputsim.model.sched.TaskStruct;

/**
 * A test variant whose fput takes a data choice of two values (and ignores it): the page must ask
 * the student for it, record it in the schedule, and refuse a step given too many values.
 */
public final class ChoosyVariant extends Variant {
    @Override
    public String name() {
        return "choosy";
    }

    @Override
    public String summary() {
        return "baseline-6.18 whose fput takes a data choice (a test of the page's choices)";
    }

    @Override
    public FileTable fileTable(Kernel k) {
        return new FileTable(k) {
            @Override
            public void fput(TaskStruct current, File f, String holder, StepContext cx) {
                cx.choose(2);
                super.fput(current, f, holder, cx);
            }
        };
    }
}
