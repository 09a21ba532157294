package dev.tviews.checker.generate;

import dev.tviews.sql.Identifiers;

/**
 * A value to write, as PostgreSQL's text form of it (null for SQL NULL), and how it is written in
 * SQL: numbers and booleans bare, everything else as a quoted literal that takes its type from
 * the column.
 */
public record Value(String text, boolean bare) {

    public static final Value NULL = new Value(null, true);

    public static Value of(ColumnModel column, String text) {
        if (text == null) {
            return NULL;
        }
        boolean number = column.bareLiteral() && !text.isEmpty() && !text.equalsIgnoreCase("NaN")
                && !text.toLowerCase(java.util.Locale.ROOT).contains("infinity");
        return new Value(text, number);
    }

    public boolean isNull() {
        return text == null;
    }

    public String sql() {
        if (text == null) {
            return "NULL";
        }
        return bare ? text : Identifiers.literal(text);
    }

    /** The value in COPY's text format: {@code \N} for NULL, backslash, tab, newline and carriage return escaped. */
    public String copy() {
        if (text == null) {
            return "\\N";
        }
        StringBuilder sb = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return sql();
    }
}
