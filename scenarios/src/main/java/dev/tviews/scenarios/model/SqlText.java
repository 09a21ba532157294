package dev.tviews.scenarios.model;

import dev.tviews.scenarios.sql.NamedSql;

import java.util.function.IntFunction;

/**
 * SQL as written in a scenario, with the means to find any character of it in its file: PostgreSQL
 * reports error positions as offsets in the statement, users want a line and a column.
 */
public final class SqlText {

    private final String sql;
    private final IntFunction<SourceLocation> locator;
    private final NamedSql parsed;

    public SqlText(String sql, IntFunction<SourceLocation> locator) {
        this.sql = sql;
        this.locator = locator;
        this.parsed = NamedSql.parse(sql);
    }

    /** SQL whose characters all map to {@code location}, e.g. built in code. */
    public static SqlText at(String sql, SourceLocation location) {
        return new SqlText(sql, offset -> location);
    }

    /** SQL that is the whole content of {@code file}. */
    public static SqlText wholeFile(String sql, String file) {
        return new SqlText(sql, offset -> lineAndColumn(file, sql, offset, 1, 1));
    }

    public String sql() {
        return sql;
    }

    public NamedSql parsed() {
        return parsed;
    }

    /** Where the statement starts. */
    public SourceLocation location() {
        return locate(0);
    }

    /** Where the character at {@code offset} of {@link #sql()} is. */
    public SourceLocation locate(int offset) {
        return locator.apply(Math.max(0, Math.min(offset, sql.length())));
    }

    /** A part of this text, located in the same file. */
    public SqlText slice(int start, String part) {
        return new SqlText(part, offset -> locate(start + offset));
    }

    /** Line and column of {@code offset} in {@code text} that starts at {@code line}:{@code column} of {@code file}. */
    static SourceLocation lineAndColumn(String file, String text, int offset, int line, int column) {
        int l = line;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l++;
                lineStart = i + 1;
            }
        }
        int c = l == line ? column + offset : offset - lineStart + 1;
        return new SourceLocation(file, l, c);
    }

    @Override
    public String toString() {
        return sql;
    }
}
