package dev.tviews.database;

import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A server given by a JDBC URL. The URL's user and password stay in the connection properties;
 * {@link #describe()} shows only hosts and the database.
 */
final class ExternalPostgresServer implements PostgresServer {

    private final JdbcUrls.Parsed url;

    private ExternalPostgresServer(JdbcUrls.Parsed url) {
        this.url = url;
    }

    static ExternalPostgresServer open(String jdbcUrl) {
        ExternalPostgresServer server = new ExternalPostgresServer(JdbcUrls.parse(jdbcUrl));
        try (Connection ignored = server.connect()) {
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + server.describe() + ": "
                    + Redaction.without(e.getMessage(), server.url.properties()) + " (SQLSTATE " + e.getSQLState()
                    + "); " + server.whatToCheck(e), e);
        }
    }

    /** The advice for a failed first connection: where it went, and what usually is wrong there. */
    private String whatToCheck(SQLException e) {
        String flag = "--jdbc-url / " + PostgresOptions.JDBC_URL_ENV;
        String socketFile = url.properties().getProperty("socketFactoryArg");
        if (socketFile != null) {
            boolean exists = new java.io.File(socketFile).exists();
            return (exists ? "the socket file exists; check the user and password of " + flag
                    : "there is no socket file " + socketFile + ": check that the server runs, that its "
                            + "unix_socket_directories holds that directory and that its port is the one given (libpq: "
                            + "postgresql:///DB?host=/socket/directory&port=PORT)") + ".";
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "the server answered but refused the login: check the user and password of " + flag + ".";
        }
        if (SqlState.INVALID_CATALOG_NAME.is(state)) {
            return "the server answered but has no database " + url.database() + ": name an existing one in " + flag + ".";
        }
        return "tried TCP to " + url.hostsAndPorts() + ": check that the server runs there and accepts TCP connections "
                + "(listen_addresses, port, pg_hba.conf); a server that listens only on a Unix socket is reached with "
                + "postgresql:///DB?host=/var/run/postgresql (its socket directory) in " + flag + ".";
    }

    @Override
    public String maintenanceDatabase() {
        return url.database();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + url.hostsAndPorts() + "/" + JdbcUrls.encodePathSegment(database);
    }

    @Override
    public Properties connectionProperties() {
        Properties copy = new Properties();
        copy.putAll(url.properties());
        return copy;
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + url.where() + "/" + url.database();
    }

    @Override
    public PostgresProvider provider() {
        return PostgresProvider.EXTERNAL;
    }

    @Override
    public void close() {
        // The server is not ours to stop.
    }
}
