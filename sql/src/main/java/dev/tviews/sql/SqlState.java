package dev.tviews.sql;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The SQLSTATEs the project raises or reacts to, with PostgreSQL's condition names (Appendix A of
 * its manual), so that code says which condition it means instead of spelling five characters.
 */
public enum SqlState {

    CONNECTION_FAILURE("08006", "connection_failure"),
    FEATURE_NOT_SUPPORTED("0A000", "feature_not_supported"),
    CARDINALITY_VIOLATION("21000", "cardinality_violation"),
    INVALID_PARAMETER_VALUE("22023", "invalid_parameter_value"),
    NOT_NULL_VIOLATION("23502", "not_null_violation"),
    UNIQUE_VIOLATION("23505", "unique_violation"),
    INVALID_CATALOG_NAME("3D000", "invalid_catalog_name"),
    SERIALIZATION_FAILURE("40001", "serialization_failure"),
    DEADLOCK_DETECTED("40P01", "deadlock_detected"),
    SYNTAX_ERROR("42601", "syntax_error"),
    UNDEFINED_COLUMN("42703", "undefined_column"),
    UNDEFINED_OBJECT("42704", "undefined_object"),
    UNDEFINED_TABLE("42P01", "undefined_table"),
    DUPLICATE_TABLE("42P07", "duplicate_table"),
    INVALID_OBJECT_DEFINITION("42P17", "invalid_object_definition"),
    STATEMENT_TOO_COMPLEX("54001", "statement_too_complex"),
    OBJECT_IN_USE("55006", "object_in_use"),
    LOCK_NOT_AVAILABLE("55P03", "lock_not_available"),
    QUERY_CANCELED("57014", "query_canceled"),
    ADMIN_SHUTDOWN("57P01", "admin_shutdown"),
    IO_ERROR("58030", "io_error"),
    INTERNAL_ERROR("XX000", "internal_error");

    private final String code;
    private final String conditionName;

    SqlState(String code, String conditionName) {
        this.code = code;
        this.conditionName = conditionName;
    }

    /** The five characters a client sees, e.g. {@code 0A000}. */
    public String code() {
        return code;
    }

    /** PostgreSQL's name for the condition, e.g. {@code feature_not_supported}. */
    public String conditionName() {
        return conditionName;
    }

    /** Whether {@code e} carries this SQLSTATE. */
    public boolean matches(SQLException e) {
        return e != null && code.equals(e.getSQLState());
    }

    /** Whether {@code sqlState} is this one's code. */
    public boolean is(String sqlState) {
        return code.equals(sqlState);
    }

    public static Optional<SqlState> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
