package dev.tviews.database;

import dev.tviews.sql.Identifiers;
import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database prepared once and cloned per test or per try with {@code CREATE DATABASE … TEMPLATE},
 * which copies files instead of replaying the schema: a fresh database in milliseconds.
 */
public final class TemplateDatabase implements AutoCloseable {

    private static final AtomicLong COUNTER = new AtomicLong();

    private final PostgresServer server;
    private final String name;
    private final String strategyClause;

    private TemplateDatabase(PostgresServer server, String name, String strategyClause) {
        this.server = server;
        this.name = name;
        this.strategyClause = strategyClause;
    }

    /**
     * Creates the template {@code name} (replacing an old one of that name) and runs
     * {@code initializer} in it; every connection to it is closed before it is cloned.
     */
    public static TemplateDatabase create(PostgresServer server, String name, SqlWork initializer) {
        try (Connection admin = server.connect()) {
            dropIfExists(admin, name);
            execute(admin, "CREATE DATABASE " + Identifiers.quote(name));
            try (Connection c = server.connect(name)) {
                initializer.run(c);
            }
            // FILE_COPY (PostgreSQL 15+) copies the directory in one go: faster than WAL_LOG for small templates.
            String strategy = admin.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : "";
            return new TemplateDatabase(server, name, strategy);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare template database " + Identifiers.quote(name) + " on "
                    + server.describe() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                    + "); the user needs the CREATEDB privilege", e);
        }
    }

    public String name() {
        return name;
    }

    public PostgresServer server() {
        return server;
    }

    /** A new database with the template's content; closing it drops it. */
    public FreshDatabase cloneFresh() {
        String clone = name + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        long start = System.nanoTime();
        try (Connection admin = server.connect()) {
            String create = "CREATE DATABASE " + Identifiers.quote(clone) + " TEMPLATE " + Identifiers.quote(name)
                    + strategyClause;
            createFromTemplate(admin, create, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clone template " + Identifiers.quote(name) + " into "
                    + Identifiers.quote(clone) + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                    + "); a connection left open to the template blocks cloning", e);
        }
        return new FreshDatabase(server, clone, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() {
        try (Connection admin = server.connect()) {
            dropIfExists(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop template database " + Identifiers.quote(name) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code createSql}, a {@code CREATE DATABASE … TEMPLATE template}; when sessions on the template
     * block it (object_in_use), ends the idle ones and tries once more: a connection pooler keeps its server sessions
     * after its clients have left.
     */
    public static void createFromTemplate(Connection admin, String createSql, String template) throws SQLException {
        try {
            execute(admin, createSql);
        } catch (SQLException inUse) {
            if (!SqlState.OBJECT_IN_USE.matches(inUse) || endIdleSessions(admin, template) == 0) {
                throw inUse;
            }
            execute(admin, createSql);
        }
    }

    /**
     * Ends the idle sessions on {@code database} (its own role's, or any for a superuser) and waits
     * up to a second for each to leave (the timeout argument, PostgreSQL 14+); how many ended.
     */
    private static int endIdleSessions(Connection admin, String database) throws SQLException {
        try (java.sql.PreparedStatement ps = admin.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 1000)) "
                + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() AND state = 'idle'")) {
            ps.setString(1, database);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void dropIfExists(Connection admin, String database) throws SQLException {
        // WITH (FORCE) (PostgreSQL 13+) ends sessions a failed test may have left behind.
        execute(admin, "DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
