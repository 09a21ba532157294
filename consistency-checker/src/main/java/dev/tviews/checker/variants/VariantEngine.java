package dev.tviews.checker.variants;

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
 * A broken variant as a read-model strategy: the base strategy creates the read models, then the
 * variant's breakage runs. The statements it ran are kept, for the reproducer.
 */
public final class VariantEngine implements ReadModelEngine {

    private final BrokenVariant variant;
    private volatile List<String> applied = List.of();

    public VariantEngine(BrokenVariant variant) {
        this.variant = variant;
    }

    public BrokenVariant variant() {
        return variant;
    }

    /** The breakage as it ran, after {@link #create}. */
    public List<String> applied() {
        return applied;
    }

    @Override
    public String name() {
        return variant.name();
    }

    private ReadModelEngine base() {
        return ReadModelEngines.byName(variant.baseEngine());
    }

    @Override
    public boolean supports(Operation operation) {
        return base().supports(operation);
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        base().create(connection, tviews);
        List<String> statements = variant.breakage().statements(connection);
        if (statements.isEmpty()) {
            throw new IllegalStateException("broken variant " + variant.name() + " does not apply to these TVIEWs "
                    + tviews.stream().map(TviewDefinition::name).toList() + " (nothing it changes was generated): "
                    + "check it on the catalogue's own scenario 'variants', or the engine's generated code changed shape");
        }
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
        applied = List.copyOf(statements);
    }

    @Override
    public void afterStatements(Connection connection, BoundOperation operation) throws SQLException {
        base().afterStatements(connection, operation);
    }

    @Override
    public void afterCommit(Connection connection, BoundOperation operation) throws SQLException {
        base().afterCommit(connection, operation);
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        base().drop(connection, tviews);
    }
}
