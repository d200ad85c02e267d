package com.example.bad;

import fputsim.model.variant.Baseline618;

/** name() is not shell- and token-safe. */
public class SpacedName extends Baseline618 {
    @Override
    public String name() {
        return "my fix: v2";
    }
}
