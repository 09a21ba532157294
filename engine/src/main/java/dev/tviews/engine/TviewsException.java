package dev.tviews.engine;

import java.sql.SQLException;

/** An engine refusal or failure, with the SQLSTATE a PostgreSQL client would see for it. */
public class TviewsException extends SQLException {

    public static final String SYNTAX_ERROR = "42601";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_RECURSION = "42P17";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54001";
    public static final String DUPLICATE_TABLE = "42P07";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String UNIQUE_VIOLATION = "23505";

    public TviewsException(String sqlState, String message) {
        super(message + " (SQLSTATE " + sqlState + ")", sqlState);
    }

    public TviewsException(String sqlState, String message, Throwable cause) {
        super(message + " (SQLSTATE " + sqlState + ")", sqlState, cause);
    }
}
