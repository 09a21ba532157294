package dev.tviews.database;

import org.postgresql.core.Utils;

import java.sql.SQLException;

/** Quoting of SQL identifiers, the Java side of {@code format('%I')}. */
public final class Identifiers {

    private Identifiers() {
    }

    /** Always quotes, so names with capitals, spaces, quotes or keywords stay intact. */
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

    /** Quotes an SQL string literal (standard_conforming_strings on, as PostgreSQL has by default). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
