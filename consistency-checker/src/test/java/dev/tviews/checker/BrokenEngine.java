package dev.tviews.checker;

import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.workload.BoundOperation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A correct strategy broken on purpose after it created the read models, by SQL run in the
 * database (e.g. dropping one of the engine's triggers), or forgetting its after-commit work. Listed by
 * {@link TestBrokenStrategies} under its own name, so that the replay command a failure prints names it too.
 */
record BrokenEngine(String name, String base, String breakage, boolean skipAfterCommit) implements ReadModelEngine {

    private ReadModelEngine delegate() {
        return ReadModelEngines.byName(base);
    }

    @Override
    public boolean supports(Operation operation) {
        return delegate().supports(operation);
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        delegate().create(connection, tviews);
        try (Statement st = connection.createStatement()) {
            st.execute(breakage);
        }
    }

    @Override
    public void afterStatements(Connection connection, BoundOperation operation) throws SQLException {
        delegate().afterStatements(connection, operation);
    }

    @Override
    public void afterCommit(Connection connection, BoundOperation operation) throws SQLException {
        if (!skipAfterCommit) {
            delegate().afterCommit(connection, operation);
        }
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        delegate().drop(connection, tviews);
    }
}
