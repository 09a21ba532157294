package dev.tviews.checker.run;

import dev.tviews.sql.SqlState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who refused a statement. A constraint, a bad value or one of the schema's own triggers refusing
 * a generated write is part of the workload ({@link #DATA}); an error raised inside a read-model engine's code, or on a read model,
 * means the engine refused a valid write ({@link #ENGINE}) — a failure even when the read models
 * stay consistent; anything else ({@link #OTHER}) means the checker wrote SQL it should not have.
 */
public enum ErrorOrigin {
    DATA, ENGINE, OTHER;

    /** Engine code as PostgreSQL names it in an error's context (tviews' and pg_ivm's functions). */
    private static final Pattern ENGINE_CONTEXT = Pattern.compile(
            "function (tviews|pgivm)\\.|function pg_tviews_|ivm_immediate|ivm_visible", Pattern.CASE_INSENSITIVE);

    public static ErrorOrigin of(SQLException e, Collection<String> readModels) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m.getWhere() != null && ENGINE_CONTEXT.matcher(m.getWhere()).find()) {
                return ENGINE;
            }
            if (m.getTable() != null && readModels.stream().anyMatch(r -> tableName(r).equals(m.getTable()))) {
                return ENGINE;
            }
        }
        String state = e.getSQLState();
        // Integrity constraints (23), bad values (22), the schema's own triggers refusing a write
        // (RAISE EXCEPTION, ASSERT: class P0), and TRUNCATE of a table with deferred trigger
        // events pending in the transaction (55006) are all the workload's own doing.
        if (state != null && (state.startsWith("23") || state.startsWith("22") || state.startsWith("P0")
                || SqlState.OBJECT_IN_USE.is(state))) {
            return DATA;
        }
        return OTHER;
    }

    /** The table part of a possibly qualified, possibly quoted name, as PostgreSQL reports it in errors. */
    static String tableName(String relation) {
        String last = relation.contains(".") ? relation.substring(relation.lastIndexOf('.') + 1) : relation;
        return last.startsWith("\"") ? last.substring(1, last.length() - 1).replace("\"\"", "\"") : last.toLowerCase(Locale.ROOT);
    }

    /** The error in one line: SQLSTATE, message, and PostgreSQL's context where it has one. */
    public static String describe(SQLException e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.getSQLState()).append(": ").append(firstLine(e.getMessage()));
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getWhere() != null) {
            sb.append(" [context: ").append(p.getServerErrorMessage().getWhere().replace('\n', ' ')).append(']');
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
