package com.example.bad;

import java.util.ArrayList;
import java.util.List;

/** Its do_exit step allocates until the heap is gone. */
public class EatsHeapInStep extends StepVariant {
    @Override
    public String name() {
        return "eats-heap-in-step";
    }

    @Override
    protected void misbehave() {
        List<long[]> hoard = new ArrayList<>(); // a local: a variant keeps no state of its own (VariantCheck)
        while (true) {
            hoard.add(new long[1 << 16]);
        }
    }
}
