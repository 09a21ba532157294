package dev.tviews.scenarios.validation;

import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.SqlText;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.function.IntUnaryOperator;

/** Turns a PostgreSQL error on scenario SQL into a problem at the line and column the user wrote. */
final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * @param toOriginal maps a zero-based offset in the text sent to PostgreSQL to an offset in {@code text}
     */
    static ScenarioProblem problem(SQLException e, SqlText text, IntUnaryOperator toOriginal, String what) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        SourceLocation where = text.location();
        if (server != null && server.getPosition() > 0) {
            where = text.locate(toOriginal.applyAsInt(server.getPosition() - 1));
        }
        String detail = server != null && server.getDetail() != null ? " (" + server.getDetail() + ")" : "";
        String hint = server != null && server.getHint() != null ? server.getHint() + "; " : "";
        return new ScenarioProblem(where, "PostgreSQL rejects " + what + ": " + message + detail + " [SQLSTATE " + e.getSQLState() + "]",
                hint + "fix the SQL so that it runs against the scenario's schema");
    }
}
