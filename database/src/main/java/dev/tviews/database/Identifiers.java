package dev.tviews.database;

/** Quoting of SQL identifiers, the Java side of {@code format('%I')}. */
public final class Identifiers {

    private Identifiers() {
    }

    /** Always quotes, so names with capitals, spaces, quotes or keywords stay intact. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL identifier must not contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes an SQL string literal (standard_conforming_strings on, as PostgreSQL has by default). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
