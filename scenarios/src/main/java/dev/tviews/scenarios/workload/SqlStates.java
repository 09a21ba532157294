package dev.tviews.scenarios.workload;

import dev.tviews.sql.SqlState;

import java.util.Map;

/** Names for SQLSTATE classes, for error counts people can read, and which SQLSTATEs a retry may cure. */
public final class SqlStates {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("08", "connection exception"), Map.entry("0A", "feature not supported"),
            Map.entry("21", "cardinality violation"), Map.entry("22", "data exception"),
            Map.entry("23", "integrity constraint violation"), Map.entry("25", "invalid transaction state"),
            Map.entry("40", "transaction rollback"), Map.entry("42", "syntax error or access rule violation"),
            Map.entry("53", "insufficient resources"), Map.entry("54", "program limit exceeded"),
            Map.entry("55", "object not in prerequisite state"), Map.entry("57", "operator intervention"),
            Map.entry("P0", "PL/pgSQL error"), Map.entry("XX", "internal error"));

    private SqlStates() {
    }

    public static boolean isRetryable(String sqlState) {
        return SqlState.SERIALIZATION_FAILURE.is(sqlState) || SqlState.DEADLOCK_DETECTED.is(sqlState);
    }

    /** E.g. {@code 23503 (integrity constraint violation)}; other kinds as they are. */
    public static String describe(String kind) {
        if (kind == null || kind.length() != 5) {
            return String.valueOf(kind);
        }
        return kind + " (" + CLASSES.getOrDefault(kind.substring(0, 2), "class " + kind.substring(0, 2)) + ")";
    }

    /** E.g. {@code 23 integrity constraint violation}. */
    public static String describeClass(String kind) {
        if (kind == null || kind.length() != 5) {
            return String.valueOf(kind);
        }
        String c = kind.substring(0, 2);
        return c + " " + CLASSES.getOrDefault(c, "other");
    }
}
