package dev.tviews.scenarios.model;

import dev.tviews.scenarios.sql.NamedSql;

/** One SQL statement of an operation, with named parameters. */
public record Statement(SqlText text) {

    public NamedSql sql() {
        return text.parsed();
    }

    public SourceLocation location() {
        return text.location();
    }

    @Override
    public String toString() {
        return text.sql();
    }
}
