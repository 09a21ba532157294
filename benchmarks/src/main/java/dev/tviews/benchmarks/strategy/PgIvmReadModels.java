package dev.tviews.benchmarks.strategy;

import dev.tviews.database.Identifiers;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code pg-ivm}: the read models as pg_ivm's incrementally maintained materialized views
 * ({@code create_immv}), kept fresh by pg_ivm's own triggers in the writing transaction. Only on servers
 * that have the extension; elsewhere, and for definitions pg_ivm cannot maintain (it has no
 * {@code jsonb_agg}, no correlated subqueries, no views over views), creation fails with
 * {@link UnavailableStrategyException} saying why, and the profile skips the strategy.
 */
public final class PgIvmReadModels implements ReadModelEngine {

    public static final String NAME = "pg-ivm";

    /** Registers this strategy in {@link ReadModelEngines}; idempotent. */
    public static void register() {
        ReadModelEngines.register(NAME, PgIvmReadModels::new);
    }

    /** Why pg_ivm cannot be used on the server of {@code c}, or empty when it can. */
    public static Optional<String> unavailableReason(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_ivm'")) {
            if (!rs.next()) {
                return Optional.of("pg_ivm is not installed on this server (pg_available_extensions has no pg_ivm); "
                        + "install it and add it to shared_preload_libraries to compare with it");
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        Optional<String> reason = unavailableReason(connection);
        if (reason.isPresent()) {
            throw new UnavailableStrategyException(NAME, reason.get());
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_ivm");
        }
        String function = createFunction(connection);
        for (TviewDefinition tv : tviews) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
                ps.setString(1, tv.name());
                ps.setString(2, tv.select().parsed().positionalSql());
                ps.execute();
            } catch (SQLException e) {
                throw new UnavailableStrategyException(NAME, "pg_ivm cannot maintain " + tv.name() + ": " + e.getMessage());
            }
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + Identifiers.quote(tv.name() + "_key") + " ON "
                        + Identifiers.quote(tv.name()) + " (" + Identifiers.quote(tv.key()) + ")");
                st.execute("ANALYZE " + Identifiers.quote(tv.name()));
            }
        }
    }

    /** {@code pgivm.create_immv} from pg_ivm 1.10 on, {@code public.create_immv} before. */
    private static String createFunction(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                        + "WHERE p.proname = 'create_immv' ORDER BY n.nspname = 'pgivm' DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new UnavailableStrategyException(NAME, "the pg_ivm extension has no create_immv function");
            }
            return Identifiers.quote(rs.getString(1)) + ".create_immv";
        }
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int i = tviews.size() - 1; i >= 0; i--) {
                st.execute("DROP TABLE IF EXISTS " + Identifiers.quote(tviews.get(i).name()) + " CASCADE");
            }
        }
    }
}
