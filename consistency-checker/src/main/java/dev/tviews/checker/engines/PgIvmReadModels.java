package dev.tviews.checker.engines;

import dev.tviews.database.Identifiers;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code pg_ivm}: read models as pg_ivm's incrementally maintained materialized views (IMMVs),
 * maintained inside each statement by pg_ivm's triggers. Only usable where the extension is
 * installed on the server ({@code pg_available_extensions}); pg_ivm refuses many definition shapes
 * (jsonb_agg, correlated subqueries, views over views), and creation then fails with its message.
 */
public final class PgIvmReadModels implements ReadModelEngine {

    public static final String NAME = "pg-ivm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    /** Whether the server offers the extension. */
    public static boolean available(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_ivm'")) {
            return rs.next();
        }
    }

    @Override
    public void create(Connection c, List<TviewDefinition> tviews) throws SQLException {
        if (!available(c)) {
            throw new SQLException("strategy pg_ivm needs the pg_ivm extension, which this server does not offer "
                    + "(pg_available_extensions); install it on the server, or check another strategy", "58P01");
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_ivm");
        }
        String function = schemaOfCreateImmv(c) + ".create_immv";
        for (TviewDefinition tv : tviews) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
                ps.setString(1, Identifiers.quote(tv.name()));
                ps.setString(2, tv.select().parsed().positionalSql());
                ps.execute();
            } catch (SQLException e) {
                throw new SQLException("pg_ivm refuses read model " + tv.name() + ": " + e.getMessage(), e.getSQLState(), e);
            }
        }
    }

    /** pg_ivm 1.9 moved its functions into schema pgivm; older versions keep them in the extension's schema. */
    private static String schemaOfCreateImmv(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT p.pronamespace::regnamespace::text FROM pg_proc p
                WHERE p.proname = 'create_immv' ORDER BY p.pronamespace::regnamespace::text = 'pgivm' DESC LIMIT 1""")) {
            if (!rs.next()) {
                throw new SQLException("pg_ivm is installed but has no create_immv function", "42883");
            }
            return rs.getString(1);
        }
    }

    @Override
    public void drop(Connection c, List<TviewDefinition> tviews) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = tviews.size() - 1; i >= 0; i--) {
                st.execute("DROP TABLE IF EXISTS " + Identifiers.quote(tviews.get(i).name()) + " CASCADE");
            }
        }
    }
}
