package dev.tviews.checker.run;

import dev.tviews.checker.generate.StepKind;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a run.
 *
 * @param transactions   transactions run (committed, rolled back by the workload, or aborted by a refused statement)
 * @param statements     write statements executed (COPY included)
 * @param refused        statements PostgreSQL refused (constraints, data errors), including the deliberate ones
 * @param expectedFailures deliberately failing statements that did fail
 * @param unexpectedSuccesses deliberately failing statements that succeeded after all (the generator's
 *                       guess was wrong; not a failure of the engine, but shown so it stays rare)
 * @param checks         oracle runs
 * @param coverage       steps executed per kind
 * @param rowsAtStart    rows in the write tables when the run started
 * @param rowsAtEnd      rows in the write tables when it ended (as last read)
 * @param replay         the command line that replays this run up to its last transaction
 * @param detection      where the run stood when the failure was found (the run may have gone on, see
 *                       {@link CheckOptions#logAtLeast()}), or at its end
 */
public record CheckResult(long seed, String engine, CheckPoints checkPoints, long transactions, long committed,
                          long rolledBack, long aborted, long statements, long refused, long expectedFailures,
                          long unexpectedSuccesses, long checks, Duration oracleTime, Duration elapsed,
                          Map<StepKind, Long> coverage, long rowsAtStart, long rowsAtEnd, Optional<CheckFailure> failure,
                          String replay, StatementLog log, Detection detection) {

    /** Transactions and statements run, and time spent, until the failure (or the end). */
    public record Detection(long transactions, long statements, Duration elapsed) {
    }

    public CheckResult {
        coverage = Map.copyOf(coverage);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    /** One line of counts. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s, seed %d: %d transactions (%d committed, %d rolled back, %d aborted by a refused statement), "
                        + "%d statements (%d refused, %d of them on purpose), %d checks (%.1f s in the oracle), "
                        + "%d rows (%d at the start), %s in %.1f s",
                engine, seed, transactions, committed, rolledBack, aborted, statements, refused, expectedFailures, checks,
                oracleTime.toMillis() / 1000.0, rowsAtEnd, rowsAtStart, failure.isEmpty() ? "0 failures" : "1 failure",
                elapsed.toMillis() / 1000.0);
    }

    /** The summary; on failure also the failure, the seed and the command that replays it, and where the log is. */
    public String describe() {
        StringBuilder sb = new StringBuilder(summary());
        failure.ifPresent(f -> {
            sb.append("\nFAILURE (seed ").append(seed).append("): ").append(f.describe());
            sb.append("\nreplay: ").append(replay);
            log.path().ifPresent(p -> sb.append("\nstatement log: ").append(p.toAbsolutePath()));
        });
        if (unexpectedSuccesses > 0) {
            sb.append("\nnote: ").append(unexpectedSuccesses).append(" statement(s) meant to fail succeeded");
        }
        return sb.toString();
    }

    /** Steps per kind, e.g. {@code INSERT=120 UPDATE=98 …}. */
    public String describeCoverage() {
        return coverage.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
