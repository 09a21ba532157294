package dev.tviews.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection, such as loading a schema into a template database. */
@FunctionalInterface
public interface SqlWork {
    void run(Connection connection) throws SQLException;
}
