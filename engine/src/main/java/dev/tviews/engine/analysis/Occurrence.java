package dev.tviews.engine.analysis;

import java.util.List;

/**
 * One appearance of a relation in the definition: the same table joined twice (a self-join) is
 * two occurrences, each mapped to keys on its own.
 *
 * @param id       position in the definition, from 0
 * @param alias    the name the definition gives it
 * @param relation the relation
 * @param columns  the relation's columns
 * @param limited  inside a derived table whose rows depend on other rows (LIMIT, window
 *                 functions), so its changes cannot be traced to a few keys
 */
public record Occurrence(int id, String alias, Relation relation, List<ColumnInfo> columns, boolean limited) {

    public boolean hasColumn(String name) {
        return columns.stream().anyMatch(c -> c.name().equals(name));
    }

    @Override
    public String toString() {
        return relation + " AS " + alias;
    }
}
