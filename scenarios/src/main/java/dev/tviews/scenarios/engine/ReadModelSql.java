package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL shared by the strategies that create read models themselves. */
final class ReadModelSql {

    private ReadModelSql() {
    }

    /** The definition without a trailing semicolon, to embed in a larger statement. */
    static String select(TviewDefinition tv) {
        return tv.select().parsed().positionalSql();
    }

    /**
     * Indexes a developer would add for the maintenance statements and reads: {@code id} and every
     * {@code fk_*} column. The key gets its unique index from the caller.
     */
    static List<String> supportingIndexes(Connection c, TviewDefinition tv) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String column : columns(c, tv.name())) {
            if (!tv.keyColumns().contains(column) && (column.equals("id") || column.startsWith("fk_"))) {
                out.add("CREATE INDEX ON " + Identifiers.quote(tv.name()) + " (" + Identifiers.quote(column) + ")");
            }
        }
        return out;
    }

    static List<String> columns(Connection c, String relation) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            ps.setString(1, Identifiers.quote(relation));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs {@code work} as one transaction, whatever the connection's auto-commit setting. */
    static void inTransaction(Connection c, SqlAction work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}
