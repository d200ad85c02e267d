package com.example.bad;

import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.exit.Exit;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.variant.Baseline618;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad variants for the bad-input corpus (BadInputCorpusTest): each adds one do_exit step,
 * after exit_task_work, that does something a variant must not (loop, recurse, throw, eat the
 * heap). Kept in a package outside fputsim, as a user's class would be.
 */
public abstract class StepVariant extends Baseline618 {
    @Override
    public String summary() {
        return "a bad variant for the bad-input corpus";
    }

    /** What the added step does. */
    protected abstract void misbehave();

    @Override
    public Exit exit(Kernel k) {
        return new Exit(k) {
            @Override
            public List<ExitStep> doExitSteps() {
                List<ExitStep> steps = new ArrayList<>(super.doExitSteps());
                steps.add(1, new ExitStep() {
                    @Override
                    public String name() {
                        return "bad_step";
                    }

                    @Override
                    public Frame run(TaskStruct current, StepContext cx) {
                        misbehave();
                        return null;
                    }
                });
                return steps;
            }
        };
    }
}
