package com.example.bad;

/** Its do_exit step never returns. */
public class LoopsInStep extends StepVariant {
    @Override
    public String name() {
        return "loops-in-step";
    }

    @Override
    protected void misbehave() {
        while (true) { // no field: a variant keeps no state of its own (VariantCheck)
            Thread.onSpinWait();
        }
    }
}
