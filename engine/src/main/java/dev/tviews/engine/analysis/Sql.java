package dev.tviews.engine.analysis;

import org.postgresql.core.Utils;

import java.sql.SQLException;

/**
 * Quoting for the SQL the engine generates: every identifier is quoted, always. The modules above
 * the engine use {@code dev.tviews.database.Identifiers}; the engine cannot depend on that module
 * (it would bring the embedded server and Testcontainers to every user), so both delegate to pgjdbc.
 */
public final class Sql {

    private Sql() {
    }

    /** {@code "name"} with embedded quotes doubled, as {@code format('%I')} would write it when quoting. */
    public static String quote(String identifier) {
        try {
            return Utils.escapeIdentifier(null, identifier).toString();
        } catch (SQLException e) {
            throw new IllegalArgumentException("Not a valid SQL identifier: " + e.getMessage(), e);
        }
    }

    /** A standard string literal (standard_conforming_strings is on since PostgreSQL 9.1). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
