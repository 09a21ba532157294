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
 * database (e.g. dropping one of the engine's triggers). Registered under its own name, so that the
 * replay command a failure prints names it too.
 */
record BrokenEngine(String name, String base, String breakage, boolean skipAfterCommit) implements ReadModelEngine {

    /** {@code base}, with {@code breakage} run after it created the read models (a variant outside the catalogue). */
    static String register(String name, String base, String breakage) {
        dev.tviews.checker.variants.BrokenVariant variant = new dev.tviews.checker.variants.BrokenVariant(name,
                "a test's breakage: " + breakage, base, c -> List.of(breakage), false,
                dev.tviews.checker.generate.Weights.defaults(), "nothing");
        ReadModelEngines.register(name, () -> new dev.tviews.checker.variants.VariantEngine(variant));
        return name;
    }

    /** {@code base}, forgetting its work after each commit (e.g. the REFRESH MATERIALIZED VIEW). */
    static String registerForgetful(String name, String base) {
        ReadModelEngines.register(name, () -> new BrokenEngine(name, base, "SELECT 1", true));
        return name;
    }

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
