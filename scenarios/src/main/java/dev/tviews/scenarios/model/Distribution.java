package dev.tviews.scenarios.model;

/** How children pick a parent, or an operation picks an existing key. */
public sealed interface Distribution {

    /** Every key equally likely. */
    record Uniform() implements Distribution {
    }

    /**
     * Key of rank k (keys in ascending order, rank 1 first) with probability proportional to
     * k^-skew, so the first keys are the hot ones ("celebrities").
     */
    record Zipf(double skew) implements Distribution {
    }

    /** Load only: each parent gets exactly {@code perParent} children, in parent order. */
    record Fixed(int perParent) implements Distribution {
    }
}
