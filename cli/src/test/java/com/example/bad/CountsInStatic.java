package com.example.bad;

/**
 * Its do_exit step counts exits in a static field: shared state outside the model's structs,
 * which the explorer cannot see. VariantCheck refuses the class before anything runs.
 */
public class CountsInStatic extends StepVariant {
    static int exits;

    @Override
    public String name() {
        return "counts-in-static";
    }

    @Override
    protected void misbehave() {
        exits++;
    }
}
