package dev.tviews.sql;

import org.postgresql.core.Utils;

import java.sql.SQLException;

/**
 * Quoting for SQL that Java writes, the Java side of {@code format('%I')} and {@code format('%L')}:
 * every identifier is quoted, always, so names with capitals, spaces, quotes or keywords stay intact.
 * Delegates to pgjdbc, so it quotes exactly as the driver does.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code "name"} with embedded quotes doubled, as {@code format('%I')} would write it when quoting. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier must not be empty");
        }
        try {
            return Utils.escapeIdentifier(null, identifier).toString();
        } catch (SQLException e) {
            throw new IllegalArgumentException("Not a valid SQL identifier: " + e.getMessage(), e);
        }
    }

    /** {@code "schema"."name"}, both parts quoted. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** A standard string literal (standard_conforming_strings is on by default since PostgreSQL 9.1). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
