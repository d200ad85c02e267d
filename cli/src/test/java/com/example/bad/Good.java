package com.example.bad;

import fputsim.model.variant.Baseline618;

/** A well-behaved copy of baseline-6.18 under another name (to check that good classes still load). */
public class Good extends Baseline618 {
    @Override
    public String name() {
        return "good-copy";
    }

    @Override
    public String summary() {
        return "baseline-6.18 under another name";
    }
}
