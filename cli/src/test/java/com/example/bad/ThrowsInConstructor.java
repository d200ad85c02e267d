package com.example.bad;

import fputsim.model.variant.Baseline618;

/** Its constructor throws. */
public class ThrowsInConstructor extends Baseline618 {
    public ThrowsInConstructor() {
        throw new IllegalStateException("configuration file missing");
    }

    @Override
    public String name() {
        return "throws-in-constructor";
    }

    @Override
    public String summary() {
        return "never constructed";
    }
}
