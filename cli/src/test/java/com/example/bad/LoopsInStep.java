package com.example.bad;

/** Its do_exit step never returns. */
public class LoopsInStep extends StepVariant {
    static volatile boolean stop;

    @Override
    public String name() {
        return "loops-in-step";
    }

    @Override
    protected void misbehave() {
        while (!stop) {
            Thread.onSpinWait();
        }
    }
}
