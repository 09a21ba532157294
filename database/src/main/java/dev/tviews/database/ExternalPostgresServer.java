package dev.tviews.database;

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
            throw new IllegalStateException("Could not connect to " + server.describe() + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + "); check the host, port, user and password of --jdbc-url / "
                    + PostgresOptions.JDBC_URL_ENV, e);
        }
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
        return "external PostgreSQL at " + url.hostsAndPorts() + "/" + url.database();
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
