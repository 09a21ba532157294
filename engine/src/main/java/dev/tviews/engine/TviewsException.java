package dev.tviews.engine;

import dev.tviews.sql.SqlState;

import java.sql.SQLException;

/** An engine refusal or failure, with the SQLSTATE a PostgreSQL client would see for it. */
public class TviewsException extends SQLException {

    public TviewsException(SqlState state, String message) {
        this(state.code(), message, null);
    }

    public TviewsException(SqlState state, String message, Throwable cause) {
        this(state.code(), message, cause);
    }

    /** {@code e}'s message without the " (SQLSTATE …)" this class appends, to retell it with more context. */
    public static String bareMessage(SQLException e) {
        return String.valueOf(e.getMessage()).replaceFirst(" \\(SQLSTATE [0-9A-Z]{5}\\)$", "");
    }

    /** PostgreSQL's error {@code cause} told with the engine's context; it keeps the cause's SQLSTATE. */
    public TviewsException(String message, SQLException cause) {
        this(cause.getSQLState(), message, cause);
    }

    private TviewsException(String sqlState, String message, Throwable cause) {
        super(message + " (SQLSTATE " + sqlState + ")", sqlState, cause);
    }
}
