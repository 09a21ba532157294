package dev.tviews.checker.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tviews.scenarios.sql.SqlLexing;

/**
 * Just enough of a PostgreSQL lexer to look at a definition's words and parentheses: string
 * literals (also {@code E'…'}), dollar-quoted strings, quoted identifiers and comments are skipped
 * or kept whole, so that a word inside them is never mistaken for SQL.
 */
final class SqlTokens {

    /** A bare word (lower-cased), a quoted identifier (as written inside the quotes), or one punctuation character. */
    record Token(Kind kind, String text) {
        enum Kind { WORD, QUOTED_IDENTIFIER, PUNCTUATION }

        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isPunctuation(char c) {
            return kind == Kind.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = SqlLexing.endOfBlockComment(sql, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                i = SqlLexing.endOfQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                int end = SqlLexing.endOfQuoted(sql, i, '"', false);
                tokens.add(new Token(Token.Kind.QUOTED_IDENTIFIER, sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"")));
                i = end;
            } else if (c == '$' && (i == 0 || !SqlLexing.isIdentifierPart(sql.charAt(i - 1))) && SqlLexing.dollarTagEnd(sql, i) > 0) {
                int tagEnd = SqlLexing.dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                i = close < 0 ? n : close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                // E'…' strings: the E is not a word.
                if (end - i == 1 && (c == 'E' || c == 'e') && end < n && sql.charAt(end) == '\'') {
                    i = end;
                    continue;
                }
                tokens.add(new Token(Token.Kind.WORD, sql.substring(i, end).toLowerCase(Locale.ROOT)));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                i = end;
            } else {
                tokens.add(new Token(Token.Kind.PUNCTUATION, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }
}
