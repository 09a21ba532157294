package dev.tviews.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * {@code checker/summary.json}: what the consistency checker ran and what it found.
 *
 * @param runs one entry per scenario, engine and trigger mode checked
 */
public record CheckerSummary(List<CheckerRun> runs) {

    public CheckerSummary {
        runs = Copies.list(runs);
    }

    @JsonIgnore
    public long totalFailures() {
        return runs.stream().mapToLong(r -> r.failures() == null ? 0 : r.failures()).sum();
    }

    @JsonIgnore
    public long totalChecks() {
        return runs.stream().mapToLong(r -> r.checks() == null ? 0 : r.checks()).sum();
    }

    /**
     * @param scenario        scenario name, e.g. "ecommerce"
     * @param engine          read-model engine checked, e.g. "tviews"
     * @param triggerMode     "statement" or "row"; null when the engine has no such choice
     * @param concurrency     concurrent writers (1 for the single-connection random workload)
     * @param seed            random seed; with it the run replays exactly
     * @param transactions    transactions executed (committed and rolled back)
     * @param statements      statements executed
     * @param checks          times every {@code tv_*} row was compared with its definition
     * @param failures        checks that found a difference
     * @param durationSeconds wall-clock time of the run
     * @param reproducers     replayable {@code .sql} files for the failures, paths relative to the results folder,
     *                        e.g. "checker/reproducers/ecommerce-row-42.sql"
     * @param failureDetails  a short description of each failure (table, key, JSON path that differed)
     * @param replayCommands  command lines that replay a failure: the reproducer's {@code replay}, then the run's
     *                        own {@code check} with its seed
     */
    public record CheckerRun(String scenario, String engine, String triggerMode, Integer concurrency, Long seed,
                             Long transactions, Long statements, Long checks, Long failures,
                             Double durationSeconds, List<String> reproducers, List<String> failureDetails,
                             List<String> replayCommands) {

        public CheckerRun {
            reproducers = Copies.list(reproducers);
            failureDetails = Copies.list(failureDetails);
            replayCommands = Copies.list(replayCommands);
        }

        /** A run without replay commands (older results folders have none). */
        public CheckerRun(String scenario, String engine, String triggerMode, Integer concurrency, Long seed,
                          Long transactions, Long statements, Long checks, Long failures,
                          Double durationSeconds, List<String> reproducers, List<String> failureDetails) {
            this(scenario, engine, triggerMode, concurrency, seed, transactions, statements, checks, failures,
                    durationSeconds, reproducers, failureDetails, List.of());
        }
    }
}
