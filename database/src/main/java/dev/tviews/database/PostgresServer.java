package dev.tviews.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL server this process can connect to. Whoever opened it closes it; closing an
 * embedded or container server stops it, closing an external one only forgets it.
 */
public interface PostgresServer extends AutoCloseable {

    /** The database that exists on every server and is used for administration (usually {@code postgres}). */
    String maintenanceDatabase();

    /** Opens a connection to {@code database} with the server's credentials. */
    default Connection connect(String database) throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(database), connectionProperties());
    }

    /** A JDBC URL for {@code database} without credentials; pass {@link #connectionProperties()} with it. */
    String jdbcUrl(String database);

    /** Credentials and other connection settings; never logged or written anywhere. */
    java.util.Properties connectionProperties();

    /** A description that is safe to print: provider, host, port, never credentials. */
    String describe();

    /** Which kind of provider started this server. */
    PostgresProvider provider();

    /** How long the server took to start, for providers that start one. */
    default java.util.Optional<java.time.Duration> startupTime() {
        return java.util.Optional.empty();
    }

    /** The directory of the server's Unix socket, for servers this process started; empty otherwise. */
    default java.util.Optional<java.nio.file.Path> unixSocketDirectory() {
        return java.util.Optional.empty();
    }

    default Connection connect() throws SQLException {
        return connect(maintenanceDatabase());
    }

    /** The server's {@code server_version}, e.g. {@code 18.1}. */
    default String serverVersion() throws SQLException {
        try (Connection c = connect(); var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's major version number, e.g. {@code 18}. */
    default int serverMajorVersion() throws SQLException {
        try (Connection c = connect()) {
            return c.getMetaData().getDatabaseMajorVersion();
        }
    }

    @Override
    void close();
}
