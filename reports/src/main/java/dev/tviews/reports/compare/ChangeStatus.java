package dev.tviews.reports.compare;

/** What happened to one benchmark between a baseline run and a new run. */
public enum ChangeStatus {
    /** Worse by more than the two runs' errors added together. */
    REGRESSED,
    /** Better by more than the two runs' errors added together. */
    IMPROVED,
    /** Within the errors: no change the measurement can tell. */
    UNCHANGED,
    /**
     * JMH stated no score error for one of the runs (one measurement iteration), so no change can be called
     * beyond the error; the change is shown, not judged. Measure with more iterations to judge it.
     */
    NO_ERROR_ESTIMATE,
    /** Only in the new run. */
    ADDED,
    /** Only in the baseline run. */
    REMOVED,
    /** Units that cannot be brought together, or a missing score. */
    NOT_COMPARABLE
}
