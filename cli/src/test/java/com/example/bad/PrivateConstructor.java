package com.example.bad;

import fputsim.model.variant.Baseline618;

/** Its only constructor is private. */
public class PrivateConstructor extends Baseline618 {
    private PrivateConstructor() {
    }

    @Override
    public String name() {
        return "private-constructor";
    }
}
