package com.example.bad;

import fputsim.model.variant.Baseline618;

/** name() returns null. */
public class NullName extends Baseline618 {
    @Override
    public String name() {
        return null;
    }
}
