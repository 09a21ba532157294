package dev.tviews.database;

import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** A database cloned from a {@link TemplateDatabase}; closing it drops it. */
public final class FreshDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final Duration cloneTime;

    FreshDatabase(PostgresServer server, String name, Duration cloneTime) {
        this.server = server;
        this.name = name;
        this.cloneTime = cloneTime;
    }

    public String name() {
        return name;
    }

    public PostgresServer server() {
        return server;
    }

    /** How long {@code CREATE DATABASE … TEMPLATE} took. */
    public Duration cloneTime() {
        return cloneTime;
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public Properties connectionProperties() {
        return server.connectionProperties();
    }

    @Override
    public void close() {
        try (Connection admin = server.connect()) {
            TemplateDatabase.dropIfExists(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + Identifiers.quote(name) + ": " + e.getMessage(), e);
        }
    }
}
