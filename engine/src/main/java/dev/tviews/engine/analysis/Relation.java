package dev.tviews.engine.analysis;

import dev.tviews.sql.Identifiers;

/** A table, view or TVIEW table in the catalog. {@code kind} is {@code pg_class.relkind}. */
public record Relation(long oid, String schema, String name, String kind) {

    /** The schema-qualified, quoted name for generated SQL. */
    public String qualified() {
        return Identifiers.qualified(schema, name);
    }

    public boolean isTableLike() {
        return kind.equals("r") || kind.equals("p") || kind.equals("f");
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
