package com.example.bad;

import java.util.ArrayList;
import java.util.List;

/** Its do_exit step allocates until the heap is gone. */
public class EatsHeapInStep extends StepVariant {
    static final List<long[]> HOARD = new ArrayList<>();

    @Override
    public String name() {
        return "eats-heap-in-step";
    }

    @Override
    protected void misbehave() {
        while (true) {
            HOARD.add(new long[1 << 16]);
        }
    }
}
