package com.example.bad;

import fputsim.model.variant.Baseline618;

/** A second well-behaved copy (compare takes several classes). */
public class GoodToo extends Baseline618 {
    @Override
    public String name() {
        return "good-copy-too";
    }

    @Override
    public String summary() {
        return "baseline-6.18 under a third name";
    }
}
