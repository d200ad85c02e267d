package com.example.bad;

import fputsim.model.variant.Baseline618;

/** Abstract: cannot be a variant. */
public abstract class Abstract extends Baseline618 {
}
