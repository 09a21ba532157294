package dev.tviews.reports.model;

import java.util.List;

/**
 * {@code summary.json}: where and how a run was made, the performance targets it was judged against, and
 * whether it finished.
 *
 * @param schemaVersion version of the results-folder format; {@link #CURRENT_SCHEMA_VERSION} when written now
 * @param environment   the machine, JVM and PostgreSQL server of the run; null when not recorded
 * @param targets       the targets of {@code docs/performance.md} with the value this run measured
 * @param status        whether the run finished, and what is missing when not; null in folders written before
 *                      runs recorded it
 */
public record Summary(Integer schemaVersion, Environment environment, List<Target> targets, RunStatus status) {
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Summary {
        targets = Copies.list(targets);
    }

    public Summary(Environment environment, List<Target> targets) {
        this(CURRENT_SCHEMA_VERSION, environment, targets, null);
    }

    public Summary(Integer schemaVersion, Environment environment, List<Target> targets) {
        this(schemaVersion, environment, targets, null);
    }

    public Summary withStatus(RunStatus newStatus) {
        return new Summary(schemaVersion, environment, targets, newStatus);
    }
}
