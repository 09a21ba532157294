package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.workload.BoundOperation;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code hand-written}: read models as plain tables ({@code CREATE TABLE … AS <select>} with a
 * primary key on the key column), kept fresh by each operation's own {@code maintain} statements
 * in the writing transaction: what a team writes by hand without an engine, and the baseline the
 * engine's write overhead is compared with.
 */
public final class HandWrittenReadModels implements ReadModelEngine {

    @Override
    public String name() {
        return "hand-written";
    }

    /** Writes need a maintain statement; reads always work. */
    @Override
    public boolean supports(Operation operation) {
        return !operation.isWrite() || operation.hasMaintain();
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        ReadModelSql.inTransaction(connection, () -> {
            for (TviewDefinition tv : tviews) {
                String table = Identifiers.quote(tv.name());
                ReadModelSql.execute(connection, "CREATE TABLE " + table + " AS " + ReadModelSql.select(tv));
                ReadModelSql.execute(connection, "ALTER TABLE " + table + " ADD PRIMARY KEY (" + String.join(", ", tv.keyColumns().stream().map(Identifiers::quote).toList()) + ")");
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
    public void afterStatements(Connection connection, BoundOperation operation) throws SQLException {
        operation.executeMaintain(connection);
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        for (int i = tviews.size() - 1; i >= 0; i--) {
            ReadModelSql.execute(connection, "DROP TABLE IF EXISTS " + Identifiers.quote(tviews.get(i).name()) + " CASCADE");
        }
    }
}
