package dev.tviews.reports.model;

import java.util.List;

/**
 * {@code summary.json}: where and how a run was made, the performance targets it was judged against, the
 * totals of its consistency stage, and whether it finished.
 *
 * @param schemaVersion version of the results-folder format; {@link #CURRENT_SCHEMA_VERSION} when written now
 * @param environment   the machine, JVM and PostgreSQL server of the run; null when not recorded
 * @param targets       the targets of {@code docs/performance.md} with the value this run measured
 * @param consistency   the consistency checks' totals (each run in {@code checker/summary.json}); null when none ran
 * @param status        whether the run finished, and what is missing when not; null in folders written before
 *                      runs recorded it
 */
public record Summary(Integer schemaVersion, Environment environment, List<Target> targets, Consistency consistency,
                      RunStatus status) {
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Summary {
        targets = Copies.list(targets);
    }

    public Summary(Integer schemaVersion, Environment environment, List<Target> targets) {
        this(schemaVersion, environment, targets, null, null);
    }

    public Summary(Environment environment, List<Target> targets) {
        this(CURRENT_SCHEMA_VERSION, environment, targets, null, null);
    }

    public Summary withConsistency(Consistency totals) {
        return new Summary(schemaVersion, environment, targets, totals, status);
    }

    public Summary withStatus(RunStatus newStatus) {
        return new Summary(schemaVersion, environment, targets, consistency, newStatus);
    }

    /**
     * Totals over the runs of {@code checker/summary.json}.
     *
     * @param runs         checker runs
     * @param transactions transactions executed
     * @param statements   write statements executed
     * @param checks       oracle runs (every {@code tv_*} row compared with its definition)
     * @param failures     runs that found stale read models
     * @param reproducers  reproducer files of the failures, relative to the results folder
     */
    public record Consistency(int runs, long transactions, long statements, long checks, long failures,
                              List<String> reproducers) {

        public Consistency {
            reproducers = Copies.list(reproducers);
        }

        public static Consistency of(CheckerSummary checker) {
            long transactions = 0;
            long statements = 0;
            for (CheckerSummary.CheckerRun r : checker.runs()) {
                transactions += r.transactions() == null ? 0 : r.transactions();
                statements += r.statements() == null ? 0 : r.statements();
            }
            return new Consistency(checker.runs().size(), transactions, statements, checker.totalChecks(),
                    checker.totalFailures(), checker.runs().stream().flatMap(r -> r.reproducers().stream()).toList());
        }
    }
}
