package com.example.bad;

/** Its do_exit step throws. */
public class ThrowsInStep extends StepVariant {
    @Override
    public String name() {
        return "throws-in-step";
    }

    @Override
    protected void misbehave() {
        throw new UnsupportedOperationException("not modelled yet");
    }
}
