package com.example.bad;

import fputsim.model.variant.Baseline618;

/** Its constructor never returns. */
public class LoopsInConstructor extends Baseline618 {
    public LoopsInConstructor() {
        while (true) { // no field: a variant keeps no state of its own (VariantCheck)
            Thread.onSpinWait();
        }
    }

    @Override
    public String name() {
        return "loops-in-constructor";
    }

    @Override
    public String summary() {
        return "never constructed";
    }
}
