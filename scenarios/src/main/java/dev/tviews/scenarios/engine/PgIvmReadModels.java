package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code pg-ivm}: the read models as pg_ivm's incrementally maintained materialized views
 * ({@code create_immv}), kept fresh inside each writing statement by pg_ivm's own triggers. The one
 * pg_ivm adapter of the project, for the checker, the load runner and the JMH suites alike. It is
 * registered as {@value #NAME} (strategies are spelt with dashes); {@value #ALIAS}, the extension's own
 * name, is accepted too.
 *
 * <p>Only on servers that offer the extension with it in {@code shared_preload_libraries}; elsewhere,
 * and for definitions pg_ivm cannot maintain (it has no {@code jsonb_agg}, no correlated subqueries,
 * no outer joins with aggregates, no mutable functions), {@link #create} throws
 * {@link UnavailableStrategyException} saying why and what to do.
 */
public final class PgIvmReadModels implements ReadModelEngine {

    public static final String NAME = "pg-ivm";
    /** The extension's name, accepted as a strategy name (the checker's earlier spelling). */
    public static final String ALIAS = "pg_ivm";
    /** The server library pg_ivm needs in {@code shared_preload_libraries}. */
    public static final String LIBRARY = "pg_ivm";

    /** Whether {@code strategy} names this adapter under either spelling. */
    public static boolean named(String strategy) {
        return NAME.equals(strategy) || ALIAS.equals(strategy);
    }

    /** Why pg_ivm cannot be used on the server of {@code c}, or empty when it can. */
    public static Optional<String> unavailableReason(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_ivm'), "
                        + "current_setting('shared_preload_libraries'), current_setting('server_version')")) {
            rs.next();
            String server = "this server (PostgreSQL " + rs.getString(3) + ")";
            if (!rs.getBoolean(1)) {
                return Optional.of("the pg_ivm extension is not installed on " + server + ". With no --jdbc-url and "
                        + "no --provider, an installed PostgreSQL that has pg_ivm is started by itself: install one "
                        + "(Debian: apt-get install postgresql-15, then pg_ivm with the pg-ivm-install tool or "
                        + "apt-get install postgresql-15-pg-ivm), or give --jdbc-url of a server with pg_ivm");
            }
            if (!List.of(rs.getString(2).replace(" ", "").split(",")).contains(LIBRARY)) {
                return Optional.of("pg_ivm is installed on " + server + " but not in shared_preload_libraries ('"
                        + rs.getString(2) + "'), which pg_ivm needs: add it to the server's configuration, or with "
                        + "--provider local or embedded give --pg-setting shared_preload_libraries=pg_ivm");
            }
        }
        return Optional.empty();
    }

    /** Whether the server of {@code c} can run this strategy. */
    public static boolean available(Connection c) throws SQLException {
        return unavailableReason(c).isEmpty();
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
    public void create(Connection c, List<TviewDefinition> tviews) throws SQLException {
        Optional<String> reason = unavailableReason(c);
        if (reason.isPresent()) {
            throw new UnavailableStrategyException(NAME, reason.get());
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_ivm");
        }
        String function = createFunction(c);
        for (TviewDefinition tv : tviews) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
                ps.setString(1, Identifiers.quote(tv.name()));
                ps.setString(2, tv.select().parsed().positionalSql());
                ps.execute();
            } catch (SQLException e) {
                throw new UnavailableStrategyException(NAME, "pg_ivm refuses read model " + tv.name() + ": "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); pg_ivm's README lists the "
                        + "definitions it can maintain");
            }
            // Reads and the stale-row check look rows up by key; pg_ivm indexes only what its maintenance needs.
            // Not unique: pg_ivm's own delta application decides the order of deletes and inserts.
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX IF NOT EXISTS " + Identifiers.quote(tv.name() + "_key_idx") + " ON "
                        + Identifiers.quote(tv.name()) + " (" + String.join(", ", tv.keyColumns().stream().map(Identifiers::quote).toList()) + ")");
                st.execute("ANALYZE " + Identifiers.quote(tv.name()));
            }
        }
    }

    /** {@code pgivm.create_immv} from pg_ivm 1.10 on, the extension's schema before. */
    private static String createFunction(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                        + "WHERE p.proname = 'create_immv' ORDER BY n.nspname = 'pgivm' DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new UnavailableStrategyException(NAME, "the pg_ivm extension has no create_immv function; "
                        + "install pg_ivm 1.15 (the pg-ivm-install tool)");
            }
            return Identifiers.quote(rs.getString(1)) + ".create_immv";
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
