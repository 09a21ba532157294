package dev.tviews.engine.analysis;

import org.postgresql.core.Utils;

import java.sql.SQLException;

/** Identifier quoting for generated SQL: every identifier is quoted, always. */
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
}
