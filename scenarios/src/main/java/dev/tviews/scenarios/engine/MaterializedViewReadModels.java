package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.workload.BoundOperation;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code refresh-mv} and {@code refresh-mv-concurrently}: read models as materialized views (with a
 * unique index on the key, which CONCURRENTLY requires), all refreshed in dependency order after
 * every committed write. The full-recompute baseline; {@code CONCURRENTLY} keeps readers unblocked
 * at the price of a diff against the old contents.
 */
public final class MaterializedViewReadModels implements ReadModelEngine {

    private final boolean concurrently;

    public MaterializedViewReadModels(boolean concurrently) {
        this.concurrently = concurrently;
    }

    public boolean concurrently() {
        return concurrently;
    }

    @Override
    public String name() {
        return concurrently ? "refresh-mv-concurrently" : "refresh-mv";
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        ReadModelSql.inTransaction(connection, () -> {
            for (TviewDefinition tv : tviews) {
                String view = Identifiers.quote(tv.name());
                ReadModelSql.execute(connection, "CREATE MATERIALIZED VIEW " + view + " AS " + ReadModelSql.select(tv));
                ReadModelSql.execute(connection, "CREATE UNIQUE INDEX ON " + view + " (" + String.join(", ", tv.keyColumns().stream().map(Identifiers::quote).toList()) + ")");
                for (String index : ReadModelSql.supportingIndexes(connection, tv)) {
                    ReadModelSql.execute(connection, index);
                }
            }
        });
        for (TviewDefinition tv : tviews) {
            ReadModelSql.execute(connection, "ANALYZE " + Identifiers.quote(tv.name()));
        }
    }

    @Override
    public void afterCommit(Connection connection, BoundOperation operation) throws SQLException {
        if (!operation.operation().isWrite()) {
            return;
        }
        for (TviewDefinition tv : operation.tviews()) {
            ReadModelSql.execute(connection, "REFRESH MATERIALIZED VIEW " + (concurrently ? "CONCURRENTLY " : "")
                    + Identifiers.quote(tv.name()));
        }
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        for (int i = tviews.size() - 1; i >= 0; i--) {
            ReadModelSql.execute(connection, "DROP MATERIALIZED VIEW IF EXISTS " + Identifiers.quote(tviews.get(i).name()) + " CASCADE");
        }
    }
}
