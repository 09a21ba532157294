package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.model.Operation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hooks into a workload run: latency recording, consistency checks, progress. Called from the
 * worker threads, concurrently: implementations must be thread-safe. Times are
 * {@link System#nanoTime()} values. {@code intendedStartNanos} is when the operation should have
 * started: at a fixed arrival rate, its slot in the schedule (so a latency recorder can correct for
 * coordinated omission); closed-loop, the same as {@code actualStartNanos}.
 */
public interface WorkloadListener {

    default void onRunStart(RunOptions options) {
    }

    default void onOperationStart(Operation operation, long intendedStartNanos, long actualStartNanos) {
    }

    /** Before a retry of a transaction that failed with a serialization failure (40001) or a deadlock (40P01). */
    default void onRetry(Operation operation, int attempt, SQLException cause) {
    }

    /**
     * Inside the transaction, after the operation's statements and the engine's
     * {@link dev.tviews.scenarios.engine.ReadModelEngine#afterStatements}, just before the commit:
     * a checker can read the read models here (read-your-writes). An exception aborts the transaction.
     */
    default void beforeCommit(Connection connection, BoundOperation operation) throws SQLException {
    }

    /** After the commit, before the engine's {@code afterCommit}; the connection is still the transaction's. */
    default void onTransactionCommitted(Connection connection, BoundOperation operation) throws SQLException {
    }

    /** Every operation ends here exactly once, committed or failed. */
    default void onOperationEnd(Operation operation, long intendedStartNanos, long actualStartNanos, long endNanos,
                                Outcome outcome) {
    }

    default void onRunEnd(RunResult result) {
    }
}
