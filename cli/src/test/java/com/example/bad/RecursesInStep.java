package com.example.bad;

/** Its do_exit step recurses without end. */
public class RecursesInStep extends StepVariant {
    @Override
    public String name() {
        return "recurses-in-step";
    }

    @Override
    protected void misbehave() {
        depth(0);
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }
}
