package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.workload.BoundOperation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A way of keeping a scenario's read models ({@code tv_*}) up to date: the one adapter every
 * strategy plugs into, shared by the workload runner, the consistency checker and the benchmarks.
 *
 * <p>Life cycle: {@link #create} once after the data load; then, for each transaction of the
 * workload, the runner executes the operation's statements, calls {@link #afterStatements} inside
 * the same transaction, commits, and calls {@link #afterCommit}; finally {@link #drop}.
 * Implementations hold no per-transaction state, so one instance serves all worker threads.
 */
public interface ReadModelEngine {

    /** The name the registry and reports use, e.g. {@code hand-written}. */
    String name();

    /** Whether this strategy can run {@code operation}; the runner leaves out those it cannot. */
    boolean supports(Operation operation);

    /**
     * Creates and fills the read models, in the given (dependency) order. Called with auto-commit on;
     * the implementation handles its own transactions.
     */
    void create(Connection connection, List<TviewDefinition> tviews) throws SQLException;

    /**
     * Inside the write transaction, after the operation's statements and before the commit (auto-commit
     * off). The hand-written strategy runs the operation's {@code maintain} statements here.
     */
    default void afterStatements(Connection connection, BoundOperation operation) throws SQLException {
    }

    /** After the write transaction committed, on the same connection, with auto-commit on. */
    default void afterCommit(Connection connection, BoundOperation operation) throws SQLException {
    }

    /** Removes the read models (and anything else {@link #create} installed); auto-commit on. */
    void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException;
}
