package dev.tviews.engine;

import dev.tviews.engine.definitions.SqlText;
import dev.tviews.sql.SqlState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Checks on the text of a definition made before anything is created, and PostgreSQL's errors about it. */
final class DefinitionText {

    private static final Set<String> QUERY_KEYWORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    private DefinitionText() {
    }

    /** Exactly one statement, which reads (no side effects can run while PostgreSQL checks it); 42601 otherwise. */
    static void requireOneSelect(TviewDefinition def) throws TviewsException {
        List<SqlText.Piece> statements = SqlText.statements(def.select()).stream()
                .filter(p -> !p.isBlank()).toList();
        if (statements.size() != 1) {
            String where = statements.size() > 1 ? " (the second starts at line "
                    + SqlText.line(def.select(), SqlText.skipBlank(def.select(), statements.get(1).offset())) + ")" : "";
            throw new TviewsException(SqlState.SYNTAX_ERROR, "a TVIEW is defined by exactly one SELECT, but the "
                    + "definition of " + def.name() + " has " + statements.size() + " statement(s)" + where
                    + "; remove the others");
        }
        String keyword = SqlText.firstKeyword(statements.get(0).text());
        if (!QUERY_KEYWORDS.contains(keyword)) {
            throw new TviewsException(SqlState.SYNTAX_ERROR, "a TVIEW is defined by exactly one SELECT, but the "
                    + "definition of " + def.name() + " is a " + (keyword.isEmpty() ? "statement" : keyword)
                    + " statement; write the SELECT whose rows the TVIEW holds");
        }
    }

    /**
     * PostgreSQL's own error about the definition, with its SQLSTATE and message, and its position
     * as a line and column of the definition ({@code prefix} characters of DDL preceded it).
     */
    static TviewsException rejectedByPostgres(TviewDefinition def, int prefix, SQLException e) {
        String message = e.getMessage();
        String where = "";
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage server = pe.getServerErrorMessage();
            message = server.getMessage();
            int offset = server.getPosition() - 1 - prefix;
            if (server.getPosition() > 0 && offset >= 0 && offset <= def.select().length()) {
                where = " at line " + SqlText.line(def.select(), offset) + ", column "
                        + SqlText.column(def.select(), offset) + " of the definition";
            }
            if (server.getHint() != null) {
                message += " (hint: " + server.getHint() + ")";
            }
        }
        String told = "PostgreSQL rejects the definition of " + def.name() + where + ": " + message;
        return e.getSQLState() == null ? new TviewsException(SqlState.SYNTAX_ERROR, told, e) : new TviewsException(told, e);
    }
}
