package dev.tviews.scenarios.sql;

/**
 * The lexical rules of PostgreSQL that every small scanner of SQL text here needs: where a string
 * literal, a quoted identifier, a block comment or a dollar-quoted string ends. Shared by the
 * scenarios' parameter scanner and the consistency checker's definition reader.
 */
public final class SqlLexing {

    private SqlLexing() {
    }

    /** The index after the closing {@code quote} of a literal or identifier opening at {@code open}. */
    public static int endOfQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    public static int endOfBlockComment(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The index of the closing {@code $} of a dollar-quote tag opening at {@code i}, or -1 ({@code $1} is a parameter). */
    public static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && sql.charAt(j) == '$') {
            return j;
        }
        if (j >= sql.length() || !isIdentifierStart(sql.charAt(j))) {
            return -1;
        }
        while (j < sql.length() && isIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j : -1;
    }

    public static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    public static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
