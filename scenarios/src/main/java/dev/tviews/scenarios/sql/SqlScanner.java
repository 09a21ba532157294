package dev.tviews.scenarios.sql;

import java.util.ArrayList;
import java.util.List;

import static dev.tviews.scenarios.sql.SqlLexing.dollarTagEnd;
import static dev.tviews.scenarios.sql.SqlLexing.endOfBlockComment;
import static dev.tviews.scenarios.sql.SqlLexing.endOfQuoted;
import static dev.tviews.scenarios.sql.SqlLexing.isIdentifierPart;
import static dev.tviews.scenarios.sql.SqlLexing.isIdentifierStart;

/**
 * A small PostgreSQL lexer that knows just enough to find named parameters ({@code :name}),
 * question marks and top-level semicolons outside string literals, quoted identifiers,
 * dollar-quoted strings and comments. It never rewrites anything it does not understand.
 */
final class SqlScanner {

    /** A piece of the input: plain text to copy, a named parameter, a {@code ?}, or a top-level {@code ;}. */
    record Piece(Kind kind, int start, int end, String name) {
        enum Kind { TEXT, PARAMETER, QUESTION_MARK, SEMICOLON }
    }

    private SqlScanner() {
    }

    static List<Piece> scan(String sql) {
        List<Piece> pieces = new ArrayList<>();
        int n = sql.length();
        int textStart = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int skipTo = -1;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                skipTo = endOfQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                skipTo = endOfQuoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                skipTo = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                skipTo = endOfBlockComment(sql, i);
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int tagEnd = dollarTagEnd(sql, i);
                if (tagEnd > 0) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    skipTo = close < 0 ? n : close + tag.length();
                }
            } else if (c == ':') {
                if (i + 1 < n && sql.charAt(i + 1) == ':') {
                    skipTo = i + 2; // a ::cast
                } else if (i + 1 < n && isIdentifierStart(sql.charAt(i + 1))
                        && (i == 0 || sql.charAt(i - 1) != ':')) {
                    int end = i + 1;
                    while (end < n && isIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    addText(pieces, textStart, i);
                    pieces.add(new Piece(Piece.Kind.PARAMETER, i, end, sql.substring(i + 1, end)));
                    i = end;
                    textStart = end;
                    continue;
                }
            } else if (c == '?') {
                addText(pieces, textStart, i);
                pieces.add(new Piece(Piece.Kind.QUESTION_MARK, i, i + 1, null));
                textStart = i + 1;
            } else if (c == ';') {
                addText(pieces, textStart, i);
                pieces.add(new Piece(Piece.Kind.SEMICOLON, i, i + 1, null));
                textStart = i + 1;
            }
            i = skipTo > i ? skipTo : i + 1;
        }
        addText(pieces, textStart, n);
        return pieces;
    }

    private static void addText(List<Piece> pieces, int start, int end) {
        if (end > start) {
            pieces.add(new Piece(Piece.Kind.TEXT, start, end, null));
        }
    }
}
