package dev.tviews.engine.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements the way PostgreSQL's lexer sees them: semicolons inside
 * quoted strings, quoted identifiers, dollar-quoted bodies and comments do not end a statement.
 * Also turns character offsets into line and column numbers for messages.
 */
public final class SqlText {

    private SqlText() {
    }

    /**
     * One piece of the text: the characters from {@code offset} up to its terminating semicolon
     * (excluded) or a boundary line.
     */
    public record Piece(int offset, String text) {

        /** Whether the piece holds nothing but white space and comments. */
        public boolean isBlank() {
            return stripComments(text).isBlank();
        }
    }

    /** The statements of {@code sql}, split at top-level semicolons; blank pieces are kept. */
    public static List<Piece> statements(String sql) {
        return split(sql, false);
    }

    /**
     * Like {@link #statements}, but a line that starts with {@code -- name:} or with {@code CREATE}
     * (outside quotes and parentheses) also starts a new piece: named blocks need no semicolon.
     */
    public static List<Piece> blocks(String sql) {
        return split(sql, true);
    }

    private static List<Piece> split(String sql, boolean nameLinesSplit) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        int depth = 0;
        while (i < n) {
            char ch = sql.charAt(i);
            if (nameLinesSplit && depth == 0 && (ch == 'C' || ch == 'c') && atLineStart(sql, i)
                    && sql.regionMatches(true, i, "CREATE", 0, 6) && i + 6 < n && Character.isWhitespace(sql.charAt(i + 6))
                    && !stripComments(sql.substring(start, i)).isBlank()) {
                pieces.add(new Piece(start, sql.substring(start, i)));
                start = i;
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                boolean lineStart = atLineStart(sql, i);
                if (nameLinesSplit && lineStart && sql.startsWith("-- name:", i) && i > start
                        && !sql.substring(start, i).isBlank()) {
                    pieces.add(new Piece(start, sql.substring(start, i)));
                    start = i;
                }
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (ch == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                i = skipQuoted(sql, i, '\'', escapes);
            } else if (ch == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (ch == '$' && dollarTag(sql, i) != null
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                i = close < 0 ? n : close + tag.length();
            } else if (ch == ';') {
                pieces.add(new Piece(start, sql.substring(start, i)));
                start = i + 1;
                depth = 0;
                i++;
            } else {
                i++;
            }
        }
        if (start < n) {
            pieces.add(new Piece(start, sql.substring(start)));
        }
        return pieces;
    }

    private static boolean atLineStart(String sql, int i) {
        int j = i - 1;
        while (j >= 0 && (sql.charAt(j) == ' ' || sql.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || sql.charAt(j) == '\n';
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char ch = sql.charAt(i);
            if (backslashEscapes && ch == '\\') {
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The dollar-quote tag ({@code $$} or {@code $tag$}) starting at {@code i}, or null. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    /** {@code sql} with comments replaced by spaces (so offsets keep their meaning). */
    public static String stripComments(String sql) {
        StringBuilder out = new StringBuilder(sql);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            int end;
            if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? n : nl;
                blank(out, i, end);
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = skipBlockComment(sql, i);
                blank(out, i, end);
            } else if (ch == '\'' || ch == '"') {
                end = skipQuoted(sql, i, ch, false);
            } else if (ch == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else {
                end = i + 1;
            }
            i = end;
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }

    /** The first word of {@code sql} outside comments and opening parentheses, upper-cased; empty when none. */
    public static String firstKeyword(String sql) {
        String bare = stripComments(sql).strip();
        int i = 0;
        while (i < bare.length() && (bare.charAt(i) == '(' || Character.isWhitespace(bare.charAt(i)))) {
            i++;
        }
        int j = i;
        while (j < bare.length() && (Character.isLetter(bare.charAt(j)) || bare.charAt(j) == '_')) {
            j++;
        }
        return bare.substring(i, j).toUpperCase(Locale.ROOT);
    }

    /** The 1-based line of a character offset. */
    public static int line(String text, int offset) {
        int line = 1;
        for (int k = 0; k < Math.min(offset, text.length()); k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of a character offset within its line. */
    public static int column(String text, int offset) {
        int o = Math.min(offset, text.length());
        int nl = text.lastIndexOf('\n', o - 1);
        return o - nl;
    }

    /** The offset of the first character that is not white space or inside a comment, from {@code from}. */
    public static int skipBlank(String text, int from) {
        String bare = stripComments(text);
        int i = from;
        while (i < bare.length() && Character.isWhitespace(bare.charAt(i))) {
            i++;
        }
        return i;
    }
}
