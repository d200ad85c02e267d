package com.example.bad;

import fputsim.model.variant.Baseline618;

/** Its constructor never returns. */
public class LoopsInConstructor extends Baseline618 {
    static volatile boolean stop;

    public LoopsInConstructor() {
        while (!stop) {
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
